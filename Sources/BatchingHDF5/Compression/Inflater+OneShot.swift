import CZlib

extension Inflater {
    /// Inflates the whole stream in `source` into `destination` and returns the bytes written,
    /// which may be fewer than `destination.count`.
    ///
    /// ```swift
    /// let written = try Inflater.inflate(compressed, into: buffer)   // ≤ buffer.count
    /// ```
    ///
    /// - Throws: ``InflateError/longerThanExpected(_:expected:)`` when the stream holds more than
    ///   `destination` has room for; ``InflateError/truncated(_:consumed:produced:)`` or
    ///   ``InflateError/corrupt(_:consumed:reason:)`` for damaged input.
    @discardableResult
    public static func inflate(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer,
        framing: DeflateFraming = .zlib
    ) throws -> Int {
        let inflater = try Inflater(framing: framing)
        var input: UnsafeRawBufferPointer? = source
        let refill = { () -> UnsafeRawBufferPointer in
            defer { input = nil }
            return input ?? UnsafeRawBufferPointer(start: nil, count: 0)
        }
        let written = try inflater.inflate(into: destination, flush: Z_FINISH, refill: refill)
        if !inflater.isFinished {
            // `destination` is full: the stream must end right here, with no byte more.
            var extra: UInt8 = 0
            let more = try withUnsafeMutableBytes(of: &extra) {
                try inflater.inflate(into: $0, flush: Z_FINISH, refill: refill)
            }
            guard more == 0, inflater.isFinished else {
                throw InflateError.longerThanExpected(framing, expected: destination.count)
            }
        }
        return written
    }

    /// Inflates the whole stream in `source`, which must fill `destination` exactly — one HDF5
    /// chunk of known size.
    ///
    /// ```swift
    /// try Inflater.inflate(stored, exactlyInto: chunk)   // chunk.count bytes, or a throw
    /// ```
    ///
    /// - Throws: ``InflateError/shorterThanExpected(_:produced:expected:)`` or
    ///   ``InflateError/longerThanExpected(_:expected:)`` when the sizes differ; the errors of
    ///   ``inflate(_:into:framing:)`` for damaged input.
    public static func inflate(
        _ source: UnsafeRawBufferPointer, exactlyInto destination: UnsafeMutableRawBufferPointer,
        framing: DeflateFraming = .zlib
    ) throws {
        let written = try inflate(source, into: destination, framing: framing)
        guard written == destination.count else {
            throw InflateError.shorterThanExpected(framing, produced: written, expected: destination.count)
        }
    }

    /// Inflates only the first `destination.count` bytes of the stream in `source`, and stops:
    /// the rest is never decoded, so one row near the start of a chunk costs a fraction of the
    /// whole chunk.
    ///
    /// ```swift
    /// try Inflater.inflatePrefix(stored, into: firstRows)   // firstRows.count bytes
    /// ```
    ///
    /// - Throws: ``InflateError/shorterThanExpected(_:produced:expected:)`` when the stream ends
    ///   first; ``InflateError/truncated(_:consumed:produced:)`` or
    ///   ``InflateError/corrupt(_:consumed:reason:)`` for damaged input.
    public static func inflatePrefix(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer,
        framing: DeflateFraming = .zlib
    ) throws {
        guard destination.count > 0 else { return }
        let inflater = try Inflater(framing: framing)
        var input: UnsafeRawBufferPointer? = source
        let written = try inflater.inflate(into: destination, flush: Z_NO_FLUSH) {
            defer { input = nil }
            return input ?? UnsafeRawBufferPointer(start: nil, count: 0)
        }
        guard written == destination.count else {
            throw InflateError.shorterThanExpected(framing, produced: written, expected: destination.count)
        }
    }
}
