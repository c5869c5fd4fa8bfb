/// A data source that can gather any samples on request, not only whole batches (BatchUp's
/// `samples_by_indices` and `samples_by_indices_nomapping`).
///
/// ``ArrayDataSource``, ``CompositeDataSource``, ``ChoiceDataSource`` and ``MappedDataSource`` are
/// random access when their members (or base) are; ``isRandomAccess`` says so, and gathering from
/// one that is not throws a sentence naming the member.
///
/// ```swift
/// let subset = try ArrayDataSource([x], indices: [7, 3, 9])
/// try subset.samples(at: .rows([0, 2]))                 // rows 7 and 9 of x
/// try subset.samples(at: .rows([0, 2]), mapped: false)  // rows 0 and 2 of x
/// ```
public protocol RandomAccessDataSource: DataSource {
    /// Whether ``samples(at:mapped:)`` can work: false when a member is not random access.
    var isRandomAccess: Bool { get }

    /// The samples at `selection`, as a batch of this source's structure (its address is
    /// ``BatchAddress/randomAccess``).
    ///
    /// - Parameter mapped: `true` (BatchUp's `samples_by_indices`): the row indices count within
    ///   the source's subset (`indices:`); `false` (`_nomapping`): they are rows of the columns.
    /// - Throws: ``BatchingError/invalidArgument(_:)`` when `selection` is not structured as the
    ///   source is or a member is not random access; ``BatchingError/indexOutOfRange(index:count:)``.
    func samples(at selection: SampleSelection, mapped: Bool) throws -> Batch
}

extension RandomAccessDataSource {
    public var isRandomAccess: Bool { true }

    /// The samples at `selection`, mapped through the source's subset (BatchUp's
    /// `samples_by_indices`).
    public func samples(at selection: SampleSelection) throws -> Batch {
        try samples(at: selection, mapped: true)
    }
}

extension BatchAddress {
    /// The address of a batch gathered by ``RandomAccessDataSource/samples(at:mapped:)``, which
    /// has no place in an iteration.
    public static let randomAccess = BatchAddress(epoch: -1, batch: -1)
}

/// `source` as a random-access source, or a sentence saying which one is not.
func randomAccess(_ source: any DataSource, _ role: String) throws -> any RandomAccessDataSource {
    guard let source = source as? any RandomAccessDataSource, source.isRandomAccess else {
        throw BatchingError.invalidArgument(
            "\(role) cannot gather samples by index: it is not random access (it only steps forward)")
    }
    return source
}

extension ArrayDataSource: RandomAccessDataSource {
    public func samples(at selection: SampleSelection, mapped: Bool) throws -> Batch {
        var indices = try selection.rowIndices(for: "an array data source")
        if mapped, let subset = (sampler as? SubsetSampler)?.subset {
            try BatchingError.checkIndices(indices, count: subset.count)
            indices = indices.map { subset[$0] }
        }
        return Batch(address: .randomAccess, indices: indices, columns: try gatheredColumns(at: indices))
    }
}

extension CompositeDataSource: RandomAccessDataSource {
    public var isRandomAccess: Bool {
        members.allSatisfy { ($0 as? any RandomAccessDataSource)?.isRandomAccess ?? false }
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

extension ChoiceDataSource: RandomAccessDataSource {
    public var isRandomAccess: Bool {
        members.allSatisfy { ($0 as? any RandomAccessDataSource)?.isRandomAccess ?? false }
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

extension MappedDataSource: RandomAccessDataSource {
    public var isRandomAccess: Bool { (base as? any RandomAccessDataSource)?.isRandomAccess ?? false }

    /// The base's samples at `selection`, passed through the transform (BatchUp's
    /// `MapDataSource.samples_by_indices`).
    public func samples(at selection: SampleSelection, mapped: Bool) throws -> Batch {
        try transform(try randomAccess(base, "the mapped source's base").samples(at: selection, mapped: mapped))
    }
}
