/// One mini-batch: the samples at one address, column by column.
public struct Batch: Sendable {
    /// Where the batch is in the iteration.
    public var address: BatchAddress
    /// The sample index of each row, in row order. For a composite source, the first member's;
    /// for a choice source, the chosen member's; empty for a forward-only source.
    public var indices: [Int]
    /// The batch's columns, each with one row per sample. For a composite source, every member's
    /// columns one after another, however deeply composites nest (fully flattened).
    public var columns: [Tensor]
    /// For a composite source, each member's own batch (BatchUp's structured form, nestable);
    /// for a choice source, the one batch of the chosen member; empty otherwise.
    public var members: [Batch]
    /// Whether ``parts`` joins the members' parts into one list (BatchUp's `flatten=True`, one
    /// level) rather than nesting one group per member (`flatten=False`).
    public var flattensMembers: Bool
    /// For a choice source, which member the batch was drawn from (BatchUp's `ds_index`).
    public var chosenMember: Int?

    public init(
        address: BatchAddress, indices: [Int], columns: [Tensor], members: [Batch] = [],
        flattensMembers: Bool = true, chosenMember: Int? = nil
    ) {
        self.address = address
        self.indices = indices
        self.columns = columns
        self.members = members
        self.flattensMembers = flattensMembers
        self.chosenMember = chosenMember
    }

    /// The number of samples in the batch: the length of its first column's part, as BatchUp's
    /// `_length_of_batch` counts a structured batch (a forward-only source's batch, which has no
    /// indices, counts its first column's rows).
    public var count: Int { indices.isEmpty ? columns.first?.rowCount ?? 0 : indices.count }

    /// The batch as BatchUp's tuple: the columns of an array source; for a composite, the
    /// members' parts joined one level (`flatten=True`) or one group per member
    /// (`flatten=False`); for a choice source, the chosen member's parts.
    public var parts: [BatchPart] {
        if chosenMember != nil, let chosen = members.first { return chosen.parts }
        if members.isEmpty { return columns.map(BatchPart.column) }
        return flattensMembers ? members.flatMap(\.parts) : members.map { .group($0.parts) }
    }

    /// The sample indices in the batch's own structure (BatchUp's index batch): rows of an
    /// array source, one selection per composite member, or the chosen member and its rows.
    public var selection: SampleSelection {
        if let chosen = chosenMember, let batch = members.first { return .choice(member: chosen, batch.selection) }
        if members.isEmpty { return .rows(indices) }
        return .members(members.map(\.selection))
    }

    /// The first `length` samples of the batch, in every column and every member (BatchUp's
    /// `_trim_batch`).
    public func prefix(_ length: Int) -> Batch {
        guard length < count || columns.contains(where: { $0.rowCount > length }) else { return self }
        var trimmed = self
        trimmed.indices = Array(indices.prefix(length))
        trimmed.columns = columns.map { $0.rowCount > length ? $0.rows(0..<length) : $0 }
        trimmed.members = members.map { $0.prefix(length) }
        return trimmed
    }
}

/// One element of BatchUp's batch tuple: an array, or a nested tuple of a member that is not
/// flattened.
public enum BatchPart: Sendable {
    case column(Tensor)
    case group([BatchPart])
}
