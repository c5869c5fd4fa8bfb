extension ChoiceDataSource: RandomAccessDataSource {
    public var isRandomAccess: Bool {
        allRandomAccess(members)
    }

    public func samples(at selection: SampleSelection, mapped: Bool) throws -> Batch {
        guard case .choice(let member, let inner) = selection, members.indices.contains(member) else {
            throw BatchingError.invalidArgument(
                "a choice among \(members.count) members takes a selection from one of members 0..<\(members.count), not \(selection.shapeDescription)"
            )
        }
        let chosen = try randomAccess(members[member], "member \(member) of the choice").samples(
            at: inner, mapped: mapped)
        return Self.choosing(chosen, member: member, address: .randomAccess)
    }
}
