/// The bytes behind a ``Tensor``: one aligned heap allocation, freed when the last tensor that
/// shares it goes away.
///
/// Tensors share storage when copied; a tensor that is about to be written makes its own copy
/// first (copy on write), so a `Tensor` behaves as a value.
final class _TensorStorage: @unchecked Sendable {
    /// Alignment that suits every SIMD width the compiler may use on the rows.
    static let alignment = 64

    let bytes: UnsafeMutableRawPointer
    let byteCount: Int

    init(byteCount: Int) {
        self.byteCount = byteCount
        bytes = .allocate(byteCount: max(byteCount, 1), alignment: Self.alignment)
    }

    /// A new storage holding a copy of `count` bytes from `source`.
    convenience init(copying source: UnsafeRawPointer, count: Int) {
        self.init(byteCount: count)
        if count > 0 { bytes.copyMemory(from: source, byteCount: count) }
    }

    deinit { bytes.deallocate() }
}
