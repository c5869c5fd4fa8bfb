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

    /// A new tensor holding the rows at `indices`, written by ``gatherRows(_:into:)``: the
    /// `gatherRows(_:)` of a column that writes in place.
    public func gatherRowsIntoNewTensor(_ indices: [Int]) throws -> Tensor {
        var out = Tensor(zeros: dtype, shape: [indices.count] + rowShape)
        try gatherRows(indices, into: &out)
        return out
    }

    /// Stops the program when `destination` is not a tensor of this column's type holding
    /// `rows` rows: handing a column the wrong buffer is a programming error.
    public func preconditionFits(_ destination: Tensor, rows: Int) {
        precondition(
            destination.dtype == dtype && destination.shape == [rows] + rowShape,
            "gather destination \(destination.dtype)\(destination.shape) does not fit \(rows) rows of \(dtype)\(rowShape)"
        )
    }
}

extension Tensor: BatchColumn {}
