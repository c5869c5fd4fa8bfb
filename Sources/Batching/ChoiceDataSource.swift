/// Draws each batch whole from one of its members (BatchUp's `ChoiceDataSource`): for training on
/// several domains, one domain per batch.
///
/// Unstratified, the members take turns — in index order, or in a fresh random order every round
/// when shuffled — until one runs out. Stratified (with every member finite), every batch of
/// every member is used once per epoch: spread evenly through the epoch in order, or in a random
/// order when shuffled. Each member is shuffled independently, with its own seed.
///
/// ```swift
/// let domains = try ChoiceDataSource([photos, sketches, paintings], stratified: true)
/// let batch = try domains.batch(at: BatchAddress(epoch: 0, batch: 3), BatchOptions(batchSize: 32))
/// batch.chosenMember  // which domain it came from
/// ```
public struct ChoiceDataSource: DataSource {
    /// The member sources.
    public let members: [any DataSource]
    /// Whether every batch of every member is used once per epoch.
    public let stratified: Bool
    /// The schedule made last, so that the batches of one epoch share one stratified layout
    /// (laying it out is linear in the epoch's batches).
    private let lastSchedule = _LastValueCache<ScheduleKey, ChoiceSchedule>()

    private struct ScheduleKey: Hashable {
        var counts: [Int?]
        var seed: UInt64?
        var epoch: Int
    }

    /// A choice among `members`.
    public init(_ members: [any DataSource], stratified: Bool = false) throws {
        guard !members.isEmpty else {
            throw BatchingError.invalidArgument("a choice data source needs at least one member")
        }
        self.members = members
        self.stratified = stratified
    }

    /// Which member, and which of its batches, every batch of `epoch` is.
    func schedule(_ options: BatchOptions, epoch: Int) throws -> ChoiceSchedule {
        let counts = try members.indices.map { try members[$0].batchCount(options.forMember($0)) }
        let key = ScheduleKey(counts: counts, seed: options.order.seed, epoch: epoch)
        return lastSchedule.value(for: key) {
            ChoiceSchedule(memberCounts: counts, stratified: stratified, seed: key.seed, epoch: epoch)
        }
    }

    public func batchCount(_ options: BatchOptions) throws -> Int? {
        try schedule(options, epoch: 0).batchCount
    }

    public func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch {
        let schedule = try schedule(options, epoch: address.epoch)
        guard address.batch >= 0, address.epoch >= 0, schedule.batchCount.map({ address.batch < $0 }) ?? true else {
            throw BatchingError.addressOutOfRange(
                epoch: address.epoch, batch: address.batch, batchCount: schedule.batchCount)
        }
        let (member, memberBatch) = schedule.member(ofBatch: address.batch)
        let chosen = try members[member].batch(
            at: BatchAddress(epoch: address.epoch, batch: memberBatch), options.forMember(member))
        return Self.choosing(chosen, member: member, address: address)
    }

    /// A batch of this source made of member `member`'s batch.
    static func choosing(_ chosen: Batch, member: Int, address: BatchAddress) -> Batch {
        Batch(
            address: address, indices: chosen.indices, columns: chosen.columns, members: [chosen],
            chosenMember: member)
    }

    public func fingerprint(_ options: BatchOptions) throws -> UInt64 {
        _fingerprint(
            "choice",
            try members.indices.map { try members[$0].fingerprint(options.forMember($0)) } + [stratified ? 1 : 0])
    }
}
