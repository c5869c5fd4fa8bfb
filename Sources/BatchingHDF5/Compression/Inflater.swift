import CZlib

/// zlib's inflate behind one type: a stream set up, fed, mapped to ``InflateError`` sentences and
/// freed in one place.
///
/// It serves two jobs. The HDF5 fast path inflates deflate-filtered chunks — each one complete zlib
/// stream — into buffers of known size, on worker threads off libhdf5's lock: the static
/// ``inflate(_:exactlyInto:framing:)`` for a whole chunk (with `--deflate zlib`; by default, a chunk
/// the exact inflater did not decode: ``DeflateChunk``), whose verdict it gives. The dataset readers
/// inflate `.gz` files and MATLAB's compressed elements as they read them, never holding a whole
/// archive (STL-10 inflates to 3 GB): an instance and ``inflate(into:refill:)``, which also walks
/// through the members of a gzip file written as several (`cat a.gz b.gz`).
///
/// An instance belongs to one reader at a time; the static functions are safe on any thread.
///
/// ```swift
/// // One-shot: a chunk of known size.
/// try Inflater.inflate(stored, exactlyInto: chunk)
///
/// // Streaming: compressed bytes pulled (from a file, say) as output is wanted; empty at the end.
/// let inflater = try Inflater(framing: .gzip)
/// let n = try inflater.inflate(into: buffer) { try readNextCompressedBytes() }
/// ```
public final class Inflater {
    /// The header and check around the deflate data.
    public let framing: DeflateFraming
    /// True once the stream's end was reached (for gzip: the last member's, with no input after
    /// it); ``inflate(into:refill:)`` then returns 0.
    public private(set) var isFinished = false

    /// zlib keeps a pointer back to its `z_stream`, so the stream lives at one address for good.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Compressed bytes handed over by `refill` but not yet given to zlib (a buffer over 4 GiB is
    /// fed in parts, since `avail_in` is 32 bits).
    private var pending = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Bytes consumed and produced by the gzip members before the current one.
    private var earlierConsumed = 0
    private var earlierProduced = 0

    /// Compressed bytes read so far, over all members.
    public var consumedCount: Int { earlierConsumed + Int(stream.pointee.total_in) }
    /// Bytes produced so far, over all members.
    public var producedCount: Int { earlierProduced + Int(stream.pointee.total_out) }

    /// Starts an inflater for a stream with `framing`.
    ///
    /// - Throws: ``InflateError/outOfMemory(_:)`` when zlib cannot allocate its state.
    public init(framing: DeflateFraming) throws(InflateError) {
        self.framing = framing
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = bv_inflate_init2(stream, framing.windowBits)
        guard status == Z_OK else {
            stream.deallocate()
            throw status == Z_MEM_ERROR
                ? .outOfMemory(framing)
                : .corrupt(framing, consumed: 0, reason: "it could not start (status \(status))")
        }
    }

    /// Makes zlib read a zlib stream's Adler-32 without computing or comparing it
    /// (`inflateValidate`): everything else — the header, every block, where the stream ends, the
    /// four check bytes being there, what is consumed — is as before, and the caller compares the
    /// check itself (``inflate(_:into:framing:)`` does, with libdeflate's faster Adler-32, `CExactInflate`).
    func leaveTheCheckToTheCaller() {
        inflateValidate(stream, 0)
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates into `output` until it is full or the stream ends, and returns the bytes written:
    /// fewer than `output.count` only at the end, 0 once ``isFinished``.
    ///
    /// `refill` is called whenever zlib has used up the compressed bytes it had; it returns the
    /// next ones, or an empty buffer when there are no more. zlib reads them in place, so they
    /// must stay valid until `refill` is called again or the inflater is finished. For gzip, input
    /// after a member's end starts the next member.
    ///
    /// - Throws: ``InflateError`` when the stream is corrupt or the input ends before the stream
    ///   does; whatever `refill` throws.
    public func inflate(
        into output: UnsafeMutableRawBufferPointer,
        refill: () throws -> UnsafeRawBufferPointer
    ) throws -> Int {
        try inflate(into: output, flush: Z_NO_FLUSH, refill: refill)
    }

    /// ``inflate(into:refill:)`` with zlib's `flush` mode: `Z_FINISH` when the caller expects the
    /// whole stream to fit in `output`, which spares zlib its sliding window.
    func inflate(
        into output: UnsafeMutableRawBufferPointer, flush: Int32,
        refill: () throws -> UnsafeRawBufferPointer
    ) throws -> Int {
        guard !isFinished, let base = output.baseAddress, output.count > 0 else { return 0 }
        var written = 0
        while written < output.count {
            let room = min(output.count - written, Int(UInt32.max))
            stream.pointee.next_out = (base + written).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(room)
            guard try hasInput(refill) else {
                throw InflateError.truncated(framing, consumed: consumedCount, produced: producedCount)
            }
            let status = CZlib.inflate(stream, flush)
            written += room - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue // more input or more room is needed; the loop provides whichever ran out
            case Z_STREAM_END:
                if framing == .gzip, try hasInput(refill) {
                    startNextMember()
                    continue
                }
                isFinished = true
                return written
            default:
                throw error(for: status)
            }
        }
        return written
    }

    /// Makes sure zlib has compressed bytes to read; false when `refill` has no more.
    private func hasInput(_ refill: () throws -> UnsafeRawBufferPointer) rethrows -> Bool {
        if stream.pointee.avail_in > 0 { return true }
        if pending.isEmpty { pending = try refill() }
        guard let base = pending.baseAddress, !pending.isEmpty else { return false }
        let count = min(pending.count, Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(count)
        pending = UnsafeRawBufferPointer(rebasing: pending[count...])
        return true
    }

    /// Resets zlib for the gzip member that follows the one just ended, keeping the counts.
    private func startNextMember() {
        earlierConsumed += Int(stream.pointee.total_in)
        earlierProduced += Int(stream.pointee.total_out)
        inflateReset(stream)
    }

    /// The sentence for a zlib status other than progress or the stream's end.
    private func error(for status: Int32) -> InflateError {
        switch status {
        case Z_MEM_ERROR:
            return .outOfMemory(framing)
        case Z_NEED_DICT:
            return .corrupt(
                framing, consumed: consumedCount,
                reason: "it asks for a preset dictionary, which HDF5 and gzip never use")
        default:
            let reason = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
            return .corrupt(framing, consumed: consumedCount, reason: reason)
        }
    }
}
