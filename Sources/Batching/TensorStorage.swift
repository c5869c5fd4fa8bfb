import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The bytes behind a ``Tensor``: one aligned allocation, freed when the last tensor that shares
/// it goes away.
///
/// Tensors share storage when copied; a tensor that is about to be written makes its own copy
/// first (copy on write), so a `Tensor` behaves as a value.
///
/// Large storages (``largeThreshold`` bytes and up: whole-file batches, float32 copies of them)
/// are mapped straight from the kernel in whole 2 MiB units and marked for transparent huge
/// pages, as NumPy does for its large arrays. The kernel then hands out 2 MiB pages already
/// zeroed: the first write of a 207 MB buffer costs about 100 page faults instead of 50,000, and
/// ``Tensor/init(zeros:shape:)`` needs no `memset`. Small storages come from `malloc`.
final class _TensorStorage: @unchecked Sendable {
    /// Alignment that suits every SIMD width the compiler may use on the rows.
    static let alignment = 64
    /// Storages of at least this many bytes are mapped (with huge pages) rather than allocated.
    static let largeThreshold = 4 << 20
    /// The unit mapped storages are rounded up to: one x86-64 / arm64 huge page.
    static let hugePageBytes = 2 << 20

    let bytes: UnsafeMutableRawPointer
    let byteCount: Int
    /// Whether every byte is known to be zero (fresh pages from the kernel).
    let isZeroed: Bool
    /// Bytes of the kernel mapping behind a large storage; 0 for `malloc`'d storage.
    let mappedLength: Int

    /// Bytes currently mapped by large storages, for the heap reading of ``ProcessMemoryProbe``
    /// (these bytes bypass `malloc`, so `mallinfo2` does not see them).
    static var bytesMapped: Int { mappedTotal.load(ordering: .relaxed) }
    private static let mappedTotal = Atomic<Int>(0)

    init(byteCount: Int) {
        self.byteCount = byteCount
        if byteCount >= Self.largeThreshold, let mapped = Self.mapZeroedPages(byteCount: byteCount) {
            bytes = mapped.base
            mappedLength = mapped.length
            isZeroed = true
            Self.mappedTotal.add(mapped.length, ordering: .relaxed)
        } else {
            bytes = .allocate(byteCount: max(byteCount, 1), alignment: Self.alignment)
            mappedLength = 0
            isZeroed = false
        }
    }

    /// A new storage holding a copy of `count` bytes from `source`.
    convenience init(copying source: UnsafeRawPointer, count: Int) {
        self.init(byteCount: count)
        if count > 0 { bytes.copyMemory(from: source, byteCount: count) }
    }

    deinit {
        if mappedLength > 0 {
            #if canImport(Glibc)
                munmap(bytes, mappedLength)
            #endif
            Self.mappedTotal.subtract(mappedLength, ordering: .relaxed)
        } else {
            bytes.deallocate()
        }
    }

    /// Anonymous private pages for `byteCount` bytes, rounded up to whole huge pages and starting
    /// on a huge-page boundary, advised for transparent huge pages; `nil` when the platform or
    /// the kernel says no (the caller then falls back to `malloc`).
    private static func mapZeroedPages(byteCount: Int) -> (base: UnsafeMutableRawPointer, length: Int)? {
        #if os(Linux)
            let length = (byteCount + hugePageBytes - 1) / hugePageBytes * hugePageBytes
            // Map one huge page more than needed, then unmap the slack on both sides of the
            // aligned part: the kernel only backs 2 MiB-aligned ranges with huge pages.
            let padded = length + hugePageBytes
            guard let raw = mmap(nil, padded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                raw != MAP_FAILED
            else { return nil }
            let address = Int(bitPattern: raw)
            let aligned = (address + hugePageBytes - 1) / hugePageBytes * hugePageBytes
            let head = aligned - address
            if head > 0 { munmap(raw, head) }
            let tail = padded - head - length
            if tail > 0 { munmap(UnsafeMutableRawPointer(bitPattern: aligned + length), tail) }
            let base = UnsafeMutableRawPointer(bitPattern: aligned)!
            _ = madvise(base, length, MADV_HUGEPAGE) // a refusal only costs speed
            return (base, length)
        #else
            return nil
        #endif
    }
}
