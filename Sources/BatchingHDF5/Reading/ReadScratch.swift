import Batching
import Synchronization

/// Scratch buffers for reading a file in parts (the source bytes of a part of its rows, read and
/// converted to float32 at once), kept for reuse across parts, threads and batches.
///
/// A whole-file batch is read in dozens of parts on several threads. Allocating each part's
/// scratch with `malloc` churned glibc's heap: after the first ~1 MiB block was freed (it was
/// mapped, being over the 128 KiB threshold), glibc raised its mapping threshold, later blocks
/// came from per-thread arenas, and those arenas kept 8–14 MiB each resident that no one used
/// (about 30 MiB of `bench --file-batches`' peak). Here a buffer is mapped once
/// (``PageAllocation``, never `malloc`), handed to one part at a time and kept: memory stays at
/// one buffer per thread that reads at once. Buffers larger than ``keptBytes`` (a part of one
/// huge row) are mapped for the part and unmapped when it is done, leaving the kept ones be.
///
/// ```swift
/// let scratch = ReadScratch()
/// try scratch.withBuffer(byteCount: 810_000) { bytes in try read(into: bytes) }
/// scratch.bufferCount   // 1: kept for the next part
/// ```
public final class ReadScratch: Sendable {
    /// The largest buffer kept for reuse.
    public static let keptBytes = 16 << 20

    private let idle = Mutex<[PageAllocation]>([])

    public init() {}

    deinit {
        idle.withLock { buffers in
            for buffer in buffers { buffer.free() }
        }
    }

    /// Buffers kept, waiting for a part.
    public var bufferCount: Int { idle.withLock { $0.count } }

    /// Bytes mapped by the kept buffers.
    public var bytesKept: Int { idle.withLock { $0.reduce(0) { $0 + $1.byteCount } } }

    /// Calls `body` with `byteCount` bytes no other caller uses meanwhile: a kept buffer when one
    /// is large enough, else a new one (replacing a smaller kept one).
    public func withBuffer<Result>(
        byteCount: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        let buffer = take(byteCount)
        defer { give(buffer) }
        return try body(UnsafeMutableRawBufferPointer(start: buffer.bytes, count: byteCount))
    }

    private func take(_ byteCount: Int) -> PageAllocation {
        guard byteCount <= Self.keptBytes else { return PageAllocation(byteCount: byteCount, policy: .pages(from: 0)) }
        let (fitting, smaller) = idle.withLock { buffers -> (PageAllocation?, PageAllocation?) in
            if let index = buffers.firstIndex(where: { $0.byteCount >= byteCount }) {
                return (buffers.remove(at: index), nil)
            }
            return (nil, buffers.popLast())
        }
        if let fitting { return fitting }
        smaller?.free()
        return PageAllocation(byteCount: max(byteCount, 1), policy: .pages(from: 0))
    }

    private func give(_ buffer: PageAllocation) {
        guard buffer.byteCount <= Self.keptBytes else { return buffer.free() }
        idle.withLock { $0.append(buffer) }
    }
}
