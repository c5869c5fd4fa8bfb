import CExactInflate
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
        if framing == .zlib { inflater.leaveTheCheckToTheCaller() }
        var input: UnsafeRawBufferPointer? = source
        let refill = { () -> UnsafeRawBufferPointer in
            defer { input = nil }
            return input ?? UnsafeRawBufferPointer(start: nil, count: 0)
        }
        let written = try inflater.inflate(into: destination, flush: Z_FINISH, refill: refill)
        let output = UnsafeRawBufferPointer(rebasing: destination[0..<written])
        if !inflater.isFinished {
            // `destination` is full: the stream must end right here, with no byte more.
            var extra: UInt8 = 0
            let more = try withUnsafeMutableBytes(of: &extra) {
                try inflater.inflate(into: $0, flush: Z_FINISH, refill: refill)
            }
            if more == 1, inflater.isFinished, framing == .zlib {
                // zlib, checking, would have compared the check before this verdict.
                try withUnsafeBytes(of: extra) { try checkAdler32(of: output, then: $0, in: source, inflater) }
            }
            guard more == 0, inflater.isFinished else {
                throw InflateError.longerThanExpected(framing, expected: destination.count)
            }
        }
        if framing == .zlib { try checkAdler32(of: output, in: source, inflater) }
        return written
    }

    /// Compares the Adler-32 of `output` (and `more` after it) with the check that ends the zlib
    /// stream in `source` — the last four bytes `inflater` consumed, big endian — as zlib would
    /// have (the inflater was told ``Inflater/leaveTheCheckToTheCaller()``): on a mismatch, the
    /// error zlib gives, "incorrect data check" after all the stream's bytes, check included.
    /// libdeflate's Adler-32 (vectorised, `CExactInflate`) is several times zlib's; the bytes compared are the same.
    private static func checkAdler32(
        of output: UnsafeRawBufferPointer,
        then more: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
        in source: UnsafeRawBufferPointer, _ inflater: Inflater
    ) throws {
        let consumed = inflater.consumedCount
        var computed: UInt32 = 1
        for part in [output, more] {
            if let base = part.baseAddress { computed = bv_exact_adler32(computed, base, part.count) }
        }
        let stated =
            consumed >= 4 && consumed <= source.count
            ? source[(consumed - 4)..<consumed].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } : nil
        guard stated == computed else {
            throw InflateError.corrupt(.zlib, consumed: consumed, reason: "incorrect data check")
        }
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
}
