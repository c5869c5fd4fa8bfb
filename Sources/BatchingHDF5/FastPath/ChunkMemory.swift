import Foundation

/// Memory for decoded chunks.
///
/// Decoded chunks (hundreds of KiB each) are allocated by the thousand on worker threads and freed
/// later on other threads, when the cache drops them. From `malloc`, the freed ones linger in the
/// workers' arenas once glibc raises its mmap threshold, and resident memory drifts far above what
/// the cache holds (205 MB peak with `--cache-mb 64` on cifarlike_gz, exact shuffle). Mapped and
/// unmapped directly, resident memory follows the chunks alive (101 MB, same speed). Short-lived
/// buffers freed on the thread that allocated them stay with `malloc`, which reuses them.
struct ChunkMemory {
    /// Buffers at least this large are mapped pages rather than `malloc` memory.
    static let mappedThreshold = 64 << 10

    /// The memory, aligned to at least 64 bytes.
    let bytes: UnsafeMutableRawBufferPointer
    private let mapped: Bool

    /// `count` bytes of writable memory; free it with ``free()``.
    init(_ count: Int) {
        if count >= Self.mappedThreshold,
            let base = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            base != MAP_FAILED
        {
            bytes = UnsafeMutableRawBufferPointer(start: base, count: count)
            mapped = true
        } else {
            bytes = .allocate(byteCount: max(count, 1), alignment: 64)
            mapped = false
        }
    }

    /// Gives the memory back.
    func free() {
        if mapped { munmap(bytes.baseAddress, bytes.count) } else { bytes.deallocate() }
    }
}
