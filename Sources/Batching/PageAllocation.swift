import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Raw memory for large buffers, 64-byte aligned: pages mapped straight from the kernel when the
/// buffer is large enough, `malloc` otherwise. The one allocator behind ``Tensor`` storage and the
/// HDF5 fast path's decoded chunks; every byte it maps is counted in ``bytesMapped``, which
/// ``ProcessMemoryProbe``'s heap reading adds (mapped pages bypass `malloc`, so `mallinfo2` does
/// not see them).
///
/// Two policies:
/// - ``Policy/hugePages(from:)``: mappings rounded up to whole 2 MiB huge pages, starting on a
///   huge-page boundary and advised for transparent huge pages, as NumPy does for its large
///   arrays. The kernel hands out huge pages already zeroed: the first write of a 207 MB buffer
///   costs about 100 page faults instead of 50,000, and the memory needs no `memset`.
/// - ``Policy/pages(from:)``: plain page-granular mappings, for buffers allocated on one thread
///   and freed on another; unmapped at once, they never linger in a thread's `malloc` arena.
///
/// ```swift
/// let block = PageAllocation(byteCount: 12 << 20, policy: .hugePages(from: 4 << 20))
/// block.isZeroed              // true: fresh pages from the kernel
/// PageAllocation.bytesMapped  // at least 12 MiB while the block is alive
/// block.free()
/// ```
public struct PageAllocation: @unchecked Sendable {
    /// When to map pages, and which.
    public struct Policy: Sendable, Hashable {
        /// Buffers of at least this many bytes are mapped; smaller ones come from `malloc`.
        public var threshold: Int
        /// Whether mappings are aligned to, rounded up to and advised for huge pages.
        public var usesHugePages: Bool

        /// Huge-page mappings for buffers of `threshold` bytes and up.
        public static func hugePages(from threshold: Int) -> Policy {
            Policy(threshold: threshold, usesHugePages: true)
        }

        /// Plain page mappings for buffers of `threshold` bytes and up.
        public static func pages(from threshold: Int) -> Policy { Policy(threshold: threshold, usesHugePages: false) }
    }

    /// Alignment that suits every SIMD width the compiler may use on the bytes.
    public static let alignment = 64
    /// One x86-64 / arm64 huge page.
    public static let hugePageBytes = 2 << 20

    /// The first of the ``byteCount`` bytes.
    public let bytes: UnsafeMutableRawPointer
    /// The bytes asked for.
    public let byteCount: Int
    /// Bytes of the kernel mapping (a whole number of pages); 0 for `malloc`'d memory.
    public let mappedLength: Int

    /// Whether every byte is known to be zero (fresh pages from the kernel).
    public var isZeroed: Bool { mappedLength > 0 }

    /// Bytes currently mapped by every live allocation, in the whole process.
    public static var bytesMapped: Int { mappedTotal.load(ordering: .relaxed) }
    private static let mappedTotal = Atomic<Int>(0)

    /// `byteCount` uninitialised bytes (zeroed when ``isZeroed``); free them with ``free()``.
    public init(byteCount: Int, policy: Policy) {
        self.byteCount = byteCount
        if byteCount >= policy.threshold, let mapped = Self.map(byteCount, hugePages: policy.usesHugePages) {
            bytes = mapped.base
            mappedLength = mapped.length
            Self.mappedTotal.add(mapped.length, ordering: .relaxed)
        } else {
            bytes = .allocate(byteCount: max(byteCount, 1), alignment: Self.alignment)
            mappedLength = 0
        }
    }

    /// Gives the memory back; the allocation must not be used afterwards.
    public func free() {
        if mappedLength > 0 {
            #if canImport(Glibc)
                munmap(bytes, mappedLength)
            #endif
            Self.mappedTotal.subtract(mappedLength, ordering: .relaxed)
        } else {
            bytes.deallocate()
        }
    }

    /// Anonymous private pages for `byteCount` bytes, rounded up to whole pages; with `hugePages`,
    /// to whole huge pages starting on a huge-page boundary, advised for transparent huge pages.
    /// `nil` when the platform or the kernel says no (the caller then uses `malloc`).
    private static func map(_ byteCount: Int, hugePages: Bool) -> (base: UnsafeMutableRawPointer, length: Int)? {
        #if os(Linux)
            let unit = hugePages ? hugePageBytes : Int(sysconf(Int32(_SC_PAGESIZE)))
            let length = (byteCount + unit - 1) / unit * unit
            // With huge pages, map one more than needed, then unmap the slack on both sides of the
            // aligned part: the kernel only backs 2 MiB-aligned ranges with huge pages.
            let padded = hugePages ? length + hugePageBytes : length
            guard let raw = mmap(nil, padded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                raw != MAP_FAILED
            else { return nil }
            guard hugePages else { return (raw, length) }
            let address = Int(bitPattern: raw)
            let aligned = (address + hugePageBytes - 1) / hugePageBytes * hugePageBytes
            let head = aligned - address
            if head > 0 { munmap(raw, head) }
            let tail = padded - head - length
            if tail > 0 { munmap(raw + head + length, tail) }
            let base = raw + head
            _ = madvise(base, length, MADV_HUGEPAGE) // a refusal only costs speed
            return (base, length)
        #else
            return nil
        #endif
    }
}
