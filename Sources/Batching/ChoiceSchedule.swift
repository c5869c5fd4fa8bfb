/// Which member of a ``ChoiceDataSource`` each batch of one epoch comes from, and which of that
/// member's batches it is: BatchUp's `ChoiceDataSource._ds_iterator`, made addressable.
struct ChoiceSchedule: Sendable, Hashable {
    /// The batches of the epoch; `nil` when it never ends.
    let batchCount: Int?
    private let order: Order

    private enum Order: Sendable, Hashable {
        /// Every batch's member and member batch, laid out for the epoch.
        case laidOut(members: [Int], memberBatches: [Int])
        /// Rounds of every member, in index order or (with a seed) permuted per round.
        case rounds(memberCount: Int, seed: UInt64?, epoch: Int)
    }

    /// The schedule of epoch `epoch` for members with `memberCounts` batches each (`nil`: endless).
    ///
    /// Stratified with every member finite, each member's batches are spread evenly through the
    /// epoch (in order) or the member of every batch is a shuffle of all of them (shuffled).
    /// Otherwise the members take turns, in index order or in a fresh random order each round,
    /// until one runs out (shuffled: after the last whole round before one runs out).
    init(memberCounts: [Int?], stratified: Bool, seed: UInt64?, epoch: Int) {
        let finite = memberCounts.compactMap { $0 }
        if stratified && finite.count == memberCounts.count {
            let members =
                seed.map { Self.stratifiedShuffled(finite, seed: $0, epoch: epoch) } ?? Self.stratifiedInOrder(finite)
            var seen = [Int](repeating: 0, count: finite.count)
            let memberBatches = members.map { member in
                defer { seen[member] += 1 }
                return seen[member]
            }
            batchCount = members.count
            order = .laidOut(members: members, memberBatches: memberBatches)
            return
        }
        if let shortest = finite.min() {
            // Rounds before `shortest` exhaust nobody; in that round the first member with
            // `shortest` batches runs out. Shuffled, BatchUp's epoch length would vary with that
            // round's order; an addressable epoch has one length, so it ends after whole rounds.
            let stop = seed == nil ? memberCounts.firstIndex { $0 == shortest }! : 0
            batchCount = shortest * memberCounts.count + stop
        } else {
            batchCount = nil
        }
        order = .rounds(memberCount: memberCounts.count, seed: seed, epoch: epoch)
    }

    /// The member and member batch of batch `batch`.
    func member(ofBatch batch: Int) -> (member: Int, memberBatch: Int) {
        switch order {
        case .laidOut(let members, let memberBatches):
            return (members[batch], memberBatches[batch])
        case .rounds(let memberCount, let seed, let epoch):
            let (round, place) = batch.quotientAndRemainder(dividingBy: memberCount)
            guard let seed else { return (place, round) }
            var random = CounterRandom(seed: seed, purpose: .choice, epoch: epoch, batch: round)
            return (Self.permutation(memberCount, &random)[place], round)
        }
    }

    /// Members chosen so that each one's batches are spread evenly (BatchUp's
    /// `_ds_indices_stratified_in_order`, the same floating-point steps).
    static func stratifiedInOrder(_ batchesPerMember: [Int]) -> [Int] {
        guard let most = batchesPerMember.max(), most > 0 else { return [] }
        let epsilon = 0.25 / Double(most)
        let deltas = batchesPerMember.map { Double($0) / Double(most) }
        var values = [Double](repeating: 0, count: deltas.count)
        var previous = [Int](repeating: -1, count: deltas.count)
        var result = [Int]()
        for _ in 0..<most {
            for member in deltas.indices {
                let value = Int((values[member] + epsilon).rounded(.down))
                if value > previous[member] { result.append(member) }
                previous[member] = value
            }
            for member in deltas.indices { values[member] += deltas[member] }
        }
        return result
    }

    /// Every member's index once per batch it has, shuffled (BatchUp's
    /// `_ds_indices_stratified_shuffled`).
    static func stratifiedShuffled(_ batchesPerMember: [Int], seed: UInt64, epoch: Int) -> [Int] {
        let members = batchesPerMember.indices.flatMap { Array(repeating: $0, count: batchesPerMember[$0]) }
        var random = CounterRandom(seed: seed, purpose: .choice, epoch: epoch, batch: -1)
        return permutation(members.count, &random).map { members[$0] }
    }

    /// A Fisher–Yates permutation of `0..<count`.
    private static func permutation(_ count: Int, _ random: inout CounterRandom) -> [Int] {
        var result = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) { result.swapAt(i, random.nextInt(below: i + 1)) }
        return result
    }
}
