/// The bytes behind a ``Tensor``: one aligned ``PageAllocation``, freed when the last tensor that
/// shares it goes away.
///
/// Tensors share storage when copied; a tensor that is about to be written makes its own copy
/// first (copy on write), so a `Tensor` behaves as a value.
///
/// Large storages (``largeThreshold`` bytes and up: whole-file batches, float32 copies of them)
/// are huge-page mappings (``PageAllocation/Policy/hugePages(from:)``), zeroed by the kernel, so
/// ``Tensor/init(zeros:shape:)`` needs no `memset`; small storages come from `malloc`.
final class _TensorStorage: @unchecked Sendable {
    /// Storages of at least this many bytes are mapped (with huge pages) rather than allocated.
    static let largeThreshold = 4 << 20
    /// The unit mapped storages are rounded up to: one x86-64 / arm64 huge page.
    static let hugePageBytes = PageAllocation.hugePageBytes

    private let allocation: PageAllocation

    /// The first byte; never null, even for an empty storage.
    var bytes: UnsafeMutableRawPointer { allocation.bytes }
    var byteCount: Int { allocation.byteCount }
    /// Whether every byte is known to be zero (fresh pages from the kernel).
    var isZeroed: Bool { allocation.isZeroed }
    /// Bytes of the kernel mapping behind a large storage; 0 for `malloc`'d storage.
    var mappedLength: Int { allocation.mappedLength }

    /// Bytes currently mapped by ``PageAllocation`` in the whole process: large storages and any
    /// other mapped buffers (the HDF5 fast path's decoded chunks).
    static var bytesMapped: Int { PageAllocation.bytesMapped }

    init(byteCount: Int) {
        allocation = PageAllocation(byteCount: byteCount, policy: .hugePages(from: Self.largeThreshold))
    }

    /// A new storage holding a copy of `source`'s bytes.
    convenience init(copying source: UnsafeRawBufferPointer) {
        self.init(byteCount: source.count)
        if let base = source.baseAddress, source.count > 0 { bytes.copyMemory(from: base, byteCount: source.count) }
    }

    deinit { allocation.free() }
}
