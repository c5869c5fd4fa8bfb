/// Which samples to gather from a random-access source, structured as the source is: BatchUp's
/// index batches (`batch_indices_iterator`), as ``Batch/selection`` gives them back.
public indirect enum SampleSelection: Sendable, Hashable {
    /// Row indices of an array source.
    case rows([Int])
    /// One selection per member of a composite source, in member order.
    case members([SampleSelection])
    /// A selection from one member of a choice source (BatchUp's `ChoiceBatch`).
    case choice(member: Int, SampleSelection)

    /// The row indices of an array source's selection.
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` naming `source` when the selection is structured.
    func rowIndices(for source: String) throws -> [Int] {
        guard case .rows(let indices) = self else {
            throw BatchingError.invalidArgument("\(source) takes a list of row indices, not \(shapeDescription)")
        }
        return indices
    }

    /// The selection's form, for error messages.
    var shapeDescription: String {
        switch self {
        case .rows: "a list of row indices"
        case .members(let selections): "a selection for each of \(selections.count) members"
        case .choice(let member, _): "a selection from member \(member)"
        }
    }
}
