/// One mini-batch: the samples at one address, column by column.
public struct Batch: Sendable {
    /// Where the batch is in the iteration.
    public var address: BatchAddress
    /// The sample index of each row, in row order. For a composite source, the first member's.
    public var indices: [Int]
    /// The batch's columns, each with one row per sample. For a composite source, every member's
    /// columns one after another (BatchUp's flattened form).
    public var columns: [Tensor]
    /// For a composite source, each member's own batch (BatchUp's structured form, nestable);
    /// empty otherwise.
    public var members: [Batch]

    public init(address: BatchAddress, indices: [Int], columns: [Tensor], members: [Batch] = []) {
        self.address = address
        self.indices = indices
        self.columns = columns
        self.members = members
    }

    /// The number of samples in the batch.
    public var count: Int { indices.count }
}
