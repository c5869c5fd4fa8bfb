extension CompositeDataSource: RandomAccessDataSource {
    public var isRandomAccess: Bool {
        allRandomAccess(members)
    }

    public func samples(at selection: SampleSelection, mapped: Bool) throws -> Batch {
        guard case .members(let selections) = selection, selections.count == members.count else {
            throw BatchingError.invalidArgument(
                "a composite of \(members.count) members takes a selection for each member, not \(selection.shapeDescription)"
            )
        }
        var parts = try members.indices.map {
            try randomAccess(members[$0], "member \($0) of the composite").samples(at: selections[$0], mapped: mapped)
        }
        if trim { parts = Self.trimmed(parts) }
        return joined(parts, address: .randomAccess)
    }
}
