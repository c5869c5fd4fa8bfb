/// A column whose rows may lie in memory as they are stored, one after another (a tensor's
/// storage, a memory-mapped file), so that ``BatchColumn/gatherRowsAsFloat32(_:into:scalingBytesInto:)``
/// converts `uint8` rows straight from there in one pass, prefetching the next rows.
///
/// ```swift
/// extension MyMappedColumn: RowBytesInMemory {
///     func withRowBytes<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R? {
///         guard let base = mapping?.baseAddress else { return nil }
///         return try body(base + dataOffset)
///     }
/// }
/// ```
public protocol RowBytesInMemory: BatchColumn {
    /// Calls `body` with the address of row 0's first byte, the rows following one another
    /// `bytesPerRow` apart in native byte order, valid for the call only; `nil` (without calling
    /// it) when the rows are not in memory that way.
    func withRowBytes<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R?
}
