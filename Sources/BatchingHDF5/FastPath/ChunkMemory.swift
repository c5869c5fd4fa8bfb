import Batching

extension PageAllocation.Policy {
    /// How decoded chunks are allocated: plain mapped pages from 64 KiB up, `malloc` below.
    ///
    /// Decoded chunks (hundreds of KiB each) are allocated by the thousand on worker threads and
    /// freed later on other threads, when the cache drops them. From `malloc`, the freed ones
    /// linger in the workers' arenas once glibc raises its mmap threshold, and resident memory
    /// drifts far above what the cache holds (205 MB peak with `--cache-mb 64` on cifarlike_gz,
    /// exact shuffle). Mapped and unmapped directly, resident memory follows the chunks alive
    /// (101 MB, same speed), and the heap reading counts them (``PageAllocation/bytesMapped``).
    /// Short-lived buffers freed on the thread that allocated them stay with `malloc`, which
    /// reuses them.
    static let decodedChunks = PageAllocation.Policy.pages(from: 64 << 10)
}
