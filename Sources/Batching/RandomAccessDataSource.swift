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

/// Whether every one of `members` can gather samples by index.
func allRandomAccess(_ members: [any DataSource]) -> Bool {
    members.allSatisfy { ($0 as? any RandomAccessDataSource)?.isRandomAccess ?? false }
}

/// `source` as a random-access source, or a sentence saying which one is not.
func randomAccess(_ source: any DataSource, _ role: String) throws -> any RandomAccessDataSource {
    guard let source = source as? any RandomAccessDataSource, source.isRandomAccess else {
        throw BatchingError.invalidArgument(
            "\(role) cannot gather samples by index: it is not random access (it only steps forward)")
    }
    return source
}
