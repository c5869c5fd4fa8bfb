/// Anything that holds one row per sample and can hand back the rows at a list of indices: an
/// in-memory ``Tensor``, a dataset in an HDF5 file, samples generated on the fly.
///
/// This is BatchUp's "array-like". Indices arrive unsorted and may repeat; a column must return
/// the rows in the order asked for.
public protocol BatchColumn: Sendable {
    /// The number of rows (samples).
    var rowCount: Int { get }
    /// The element type of the rows it returns.
    var dtype: DType { get }
    /// The shape of one row.
    var rowShape: [Int] { get }
    /// The rows at `indices`, in that order, as a tensor of shape `[indices.count] + rowShape`.
    func gatherRows(_ indices: [Int]) throws -> Tensor
    /// Writes the rows at `indices`, in that order, into `destination`: a tensor of this
    /// column's `dtype` and shape `[indices.count] + rowShape` (a pooled buffer from an earlier
    /// batch, so a steady run allocates nothing).
    ///
    /// The default gathers a new tensor and puts it in `destination`'s place; columns that can
    /// write in place (``Tensor``, HDF5 datasets) do.
    func gatherRows(_ indices: [Int], into destination: inout Tensor) throws
}

extension BatchColumn {
    public func gatherRows(_ indices: [Int], into destination: inout Tensor) throws {
        destination = try gatherRows(indices)
    }
}

extension Tensor: BatchColumn {}
