/// Draws a batch from every member source at once (BatchUp's `CompositeDataSource`): for
/// semi-supervised learning, a small labelled set repeated endlessly beside a large unlabelled one.
///
/// Each member is shuffled independently: member `i` gets its own seed derived from the
/// iteration's seed. A batch offers both of BatchUp's forms: ``Batch/columns`` holds every
/// member's columns one after another (flattened), ``Batch/members`` each member's own batch
/// (structured); composites nest.
///
/// **Trimming** (`trim: true`, BatchUp's default): when members' batches differ in length — the
/// short last batch of a finite member beside an endless member's full one — every member's
/// batch is cut to the shortest, in every column and in the index batches, so each batch holds
/// the same number of samples throughout. `trim: false` keeps each member's batch whole.
///
/// **Flattening.** ``Batch/columns`` is always every member's columns, fully flattened (what a
/// training step takes); ``Batch/parts`` is BatchUp's tuple: with `flatten: true` (BatchUp's
/// default) the members' parts joined one level, so a nested `flatten: false` composite stays a
/// group, and with `flatten: false` one group per member.
///
/// **When members differ in length.** BatchUp stops at the shortest member and silently leaves the
/// rest of the others unread. Here that happens only when asked for with
/// `lengths: .stopAtShortest`; by default members whose epochs have different (finite) batch
/// counts are an error that says so. Endless members (`repeats: -1`) never count as shorter.
///
/// ```swift
/// let labelled = try ArrayDataSource([labX, labY], repeats: -1)
/// let unlabelled = try ArrayDataSource([unlabX])
/// let both = try CompositeDataSource([labelled, unlabelled])
/// ```
public struct CompositeDataSource: DataSource {
    /// What to do when members yield different numbers of batches per epoch.
    public enum LengthPolicy: Sendable, Hashable {
        /// Refuse, with an error that names the lengths.
        case mustMatch
        /// End the epoch with the shortest member, as BatchUp does; the longer members' remaining
        /// batches of that epoch are not read.
        case stopAtShortest
    }

    /// The member sources, in batch order.
    public let members: [any DataSource]
    /// The length policy.
    public let lengths: LengthPolicy
    /// Whether every member's batch is cut to the shortest member's (BatchUp's `trim`).
    public let trim: Bool
    /// Whether ``Batch/parts`` joins the members' parts one level (BatchUp's `flatten`).
    public let flatten: Bool

    /// A composite of `members`.
    public init(
        _ members: [any DataSource], lengths: LengthPolicy = .mustMatch, trim: Bool = true, flatten: Bool = true
    ) throws {
        guard !members.isEmpty else {
            throw BatchingError.invalidArgument("a composite data source needs at least one member")
        }
        self.members = members
        self.lengths = lengths
        self.trim = trim
        self.flatten = flatten
    }

    /// The options member `index` is iterated with: the same, but its own seed.
    public func memberOptions(_ options: BatchOptions, member index: Int) -> BatchOptions {
        options.forMember(index)
    }

    public func batchCount(_ options: BatchOptions) throws -> Int? {
        let counts = try members.indices.map { try members[$0].batchCount(memberOptions(options, member: $0)) }
        let finite = counts.compactMap { $0 }
        guard let shortest = finite.min() else { return nil }
        if lengths == .mustMatch, finite.contains(where: { $0 != shortest }) {
            throw BatchingError.compositeLengthsDiffer(counts)
        }
        return shortest
    }

    public func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch {
        var parts = try members.indices.map { try members[$0].batch(at: address, memberOptions(options, member: $0)) }
        if trim { parts = Self.trimmed(parts) }
        return joined(parts, address: address)
    }

    /// The members' batches cut to the shortest one's length (BatchUp's `_prepare_batch`).
    static func trimmed(_ parts: [Batch]) -> [Batch] {
        let lengths = parts.map(\.count)
        guard let shortest = lengths.min(), shortest != lengths.max() else { return parts }
        return parts.map { $0.prefix(shortest) }
    }

    /// One composite batch made of the members' batches.
    func joined(_ parts: [Batch], address: BatchAddress) -> Batch {
        Batch(
            address: address, indices: parts[0].indices, columns: parts.flatMap(\.columns), members: parts,
            flattensMembers: flatten)
    }

    public func fingerprint(_ options: BatchOptions) throws -> UInt64 {
        _fingerprint(
            "composite",
            try members.indices.map { try members[$0].fingerprint(memberOptions(options, member: $0)) }
                + [lengths == .mustMatch ? 0 : 1, trim ? 1 : 0, flatten ? 1 : 0])
    }
}

extension BatchOptions {
    /// The options member `index` of a composite or choice source is iterated with: the same,
    /// but its own seed, so members are shuffled independently.
    func forMember(_ index: Int) -> BatchOptions {
        reseeded { seed in
            var random = CounterRandom(seed: seed, purpose: .composite, sample: index)
            return random.next()
        }
    }
}
