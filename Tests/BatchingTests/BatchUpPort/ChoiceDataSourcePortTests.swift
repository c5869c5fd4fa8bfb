import Testing

@testable import Batching

/// Ports of BatchUp 0.2.3's nine `test_ChoiceDataSource*` (test_data_source.py).
@Suite struct ChoiceDataSourcePortTests {
    typealias Data = BatchUpPortData
    let aX = Data.arange(40, 3)
    let bX = Data.arange(20, 3, scale: 1000)
    let cX = Data.arange(10, 3, scale: 100_000)
    let dX = Data.arange(5, 3, scale: 10_000_000)
    var tensors: [Tensor] { [aX, bX, cX, dX] }

    func choice(stratified: Bool = false) throws -> ChoiceDataSource {
        try ChoiceDataSource(tensors.map { try ArrayDataSource([$0]) }, stratified: stratified)
    }

    /// test_ChoiceDataSource: random access when every member is (the non-random-access half,
    /// with callable members, is in ``NonArrayDataSourcePortTests``).
    @Test func randomAccessWhenMembersAre() throws {
        #expect(try choice().isRandomAccess)
    }

    /// test_ChoiceDataSource_ds_indices_stratified: the in-order spread, exactly; both spreads
    /// use every member's batch count exactly (BatchUp draws 128 random count vectors; so do we).
    @Test func stratifiedMemberSequences() {
        #expect(ChoiceSchedule.stratifiedInOrder([8, 4, 2, 1]) == [0, 1, 2, 3, 0, 0, 1, 0, 0, 1, 2, 0, 0, 1, 0])
        #expect(ChoiceSchedule.stratifiedInOrder([7, 3, 1]) == [0, 1, 2, 0, 0, 0, 1, 0, 0, 1, 0])
        var random = CounterRandom(seed: 12345, purpose: .shuffle)
        for trial in 0..<128 {
            let counts = (0..<6).map { _ in 1 + random.nextInt(below: 15) }
            let histogram: ([Int]) -> [Int] = { sequence in (0..<6).map { m in sequence.filter { $0 == m }.count } }
            #expect(histogram(ChoiceSchedule.stratifiedInOrder(counts)) == counts)
            #expect(histogram(ChoiceSchedule.stratifiedShuffled(counts, seed: 7, epoch: trial)) == counts)
        }
    }

    /// test_ChoiceDataSource_ds_iterator_not_stratified: in order the members take turns until
    /// the 1-batch member runs out (7 batches); shuffled, every round is a permutation of the
    /// members and each member's batches come in order (the epoch ends after the whole rounds,
    /// a documented divergence).
    @Test func unstratifiedSchedule() {
        let counts: [Int?] = [8, 4, 2, 1]
        let inOrder = ChoiceSchedule(memberCounts: counts, stratified: false, seed: nil, epoch: 0)
        #expect(inOrder.batchCount == 7)
        #expect((0..<7).map { inOrder.member(ofBatch: $0).member } == [0, 1, 2, 3, 0, 1, 2])
        #expect((0..<7).map { inOrder.member(ofBatch: $0).memberBatch } == [0, 0, 0, 0, 1, 1, 1])
        for epoch in 0..<20 {
            let shuffled = ChoiceSchedule(memberCounts: counts, stratified: false, seed: 12345, epoch: epoch)
            #expect(shuffled.batchCount == 4)
            let round = (0..<4).map { shuffled.member(ofBatch: $0) }
            #expect(Set(round.map(\.member)) == [0, 1, 2, 3] && round.allSatisfy { $0.memberBatch == 0 })
        }
        let firstRounds = (0..<20).map { epoch in
            (0..<4).map {
                ChoiceSchedule(memberCounts: counts, stratified: false, seed: 12345, epoch: epoch).member(ofBatch: $0)
                    .member
            }
        }
        #expect(Set(firstRounds).count > 1, "the order of the members changes between epochs")
        let endless = ChoiceSchedule(memberCounts: [nil, nil], stratified: false, seed: 3, epoch: 0)
        #expect(endless.batchCount == nil && endless.member(ofBatch: 5).memberBatch == 2)
    }

    /// test_ChoiceDataSource_ds_iterator_stratified: in order, BatchUp's exact sequence; shuffled,
    /// the n-th time a member is chosen it gives its n-th batch.
    @Test func stratifiedSchedule() {
        let counts: [Int?] = [8, 4, 2, 1]
        let inOrder = ChoiceSchedule(memberCounts: counts, stratified: true, seed: nil, epoch: 0)
        let expected = [
            (0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (2, 0), (1, 1), (3, 0), (4, 0), (2, 1), (1, 2), (5, 0), (6, 0),
            (3, 1), (7, 0),
        ]
        #expect(inOrder.batchCount == 15)
        for (k, (memberBatch, member)) in expected.enumerated() {
            #expect(inOrder.member(ofBatch: k) == (member, memberBatch))
        }
        let shuffled = ChoiceSchedule(memberCounts: counts, stratified: true, seed: 12345, epoch: 0)
        #expect(shuffled.batchCount == 15)
        var seen = [0, 0, 0, 0]
        for k in 0..<15 {
            let (member, memberBatch) = shuffled.member(ofBatch: k)
            #expect(memberBatch == seen[member])
            seen[member] += 1
        }
        #expect(seen == [8, 4, 2, 1])
    }

    /// test_ChoiceDataSource_batch_iterator and _batch_indices_iterator: the rows and the
    /// (member, indices) of every batch, unstratified and stratified.
    @Test func batchesAndIndexBatches() throws {
        let options = BatchOptions(batchSize: 5)
        let plain = try Data.collect(try choice(), options)
        #expect(plain.count == 7)
        let plainExpected = [(0, 0), (1, 0), (2, 0), (3, 0), (0, 5), (1, 5), (2, 5)]
        for (batch, (member, start)) in zip(plain, plainExpected) {
            #expect(batch.columns[0].scalars(as: Int64.self) == Data.rows(tensors[member], start..<(start + 5)))
            #expect(batch.selection == .choice(member: member, .rows(Array(start..<(start + 5)))))
            #expect(batch.chosenMember == member)
        }
        let stratified = try Data.collect(try choice(stratified: true), options)
        #expect(stratified.count == 15)
        let stratifiedExpected = [
            (0, 0), (1, 0), (2, 0), (3, 0), (0, 5), (0, 10), (1, 5), (0, 15), (0, 20), (1, 10), (2, 5), (0, 25),
            (0, 30), (1, 15), (0, 35),
        ]
        for (batch, (member, start)) in zip(stratified, stratifiedExpected) {
            #expect(batch.columns[0].scalars(as: Int64.self) == Data.rows(tensors[member], start..<(start + 5)))
            #expect(batch.selection == .choice(member: member, .rows(Array(start..<(start + 5)))))
        }
    }

    /// test_ChoiceDataSource_samples_by_indices_no_mapping and _samples_by_indices: a
    /// (member, indices) selection gathers from that member, through its subset when mapped;
    /// anything but a choice selection is refused.
    @Test func samplesByIndices() throws {
        let wide = (0..<4).map { Data.arange(120, 3, scale: Int64(1 + $0)) }
        let subsets = [40, 20, 10, 5].enumerated().map { member, count in
            (0..<120).map { ($0 * 37 + member * 11) % 120 }.prefix(count).map { $0 }
        }
        let source = try ChoiceDataSource(
            (0..<4).map { try ArrayDataSource([wide[$0]], indices: subsets[$0]) })
        for member in 0..<4 {
            let unmapped = try source.samples(at: .choice(member: member, .rows(Array(0..<5))), mapped: false)
            #expect(unmapped.columns[0].scalars(as: Int64.self) == Data.rows(wide[member], 0..<5))
            let mapped = try source.samples(at: .choice(member: member, .rows(Array(0..<5))))
            #expect(mapped.columns[0].scalars(as: Int64.self) == Data.rows(wide[member], subsets[member].prefix(5)))
            #expect(mapped.chosenMember == member)
        }
        for wrong: SampleSelection in [
            .rows(Array(0..<5)), .members([.rows(Array(0..<5))]), .choice(member: 4, .rows([0])),
        ] {
            #expect(throws: BatchingError.self) { try source.samples(at: wrong) }
            #expect(throws: BatchingError.self) { try source.samples(at: wrong, mapped: false) }
        }
    }

    /// test_ChoiceDataSource_in_CompositeDataSource: a choice beside a 35-sample member, batches
    /// and index batches.
    @Test func insideAComposite() throws {
        let eX = Data.arange(35, 3, scale: 1_000_000_000)
        let composite = try CompositeDataSource([try choice(), try ArrayDataSource([eX])])
        let batches = try Data.collect(composite, BatchOptions(batchSize: 5))
        #expect(batches.count == 7)
        let expected = [(0, 0), (1, 0), (2, 0), (3, 0), (0, 5), (1, 5), (2, 5)]
        for (k, (batch, (member, start))) in zip(batches, expected).enumerated() {
            #expect(batch.parts[0].values == Data.rows(tensors[member], start..<(start + 5)))
            #expect(batch.parts[1].values == Data.rows(eX, (k * 5)..<(k * 5 + 5)))
            #expect(
                batch.selection
                    == .members([
                        .choice(member: member, .rows(Array(start..<(start + 5)))), .rows(Array((k * 5)..<(k * 5 + 5))),
                    ]))
        }
    }

    /// Shuffled and stratified through the source itself: every batch of every member once per
    /// epoch, each member shuffled on its own, and another member order in the next epoch.
    @Test func shuffledStratifiedEpochsUseEveryMemberBatchOnce() throws {
        let source = try choice(stratified: true)
        var orders = [[Int]]()
        for epoch in 0..<2 {
            let options = BatchOptions(batchSize: 5, order: .shuffled(seed: 99))
            var iterator = try source.batches(options, startingAt: BatchAddress(epoch: epoch, batch: 0))
            var rows = [[Int]](repeating: [], count: 4)
            var order = [Int]()
            for _ in 0..<15 {
                let batch = try #require(try iterator.next())
                let member = try #require(batch.chosenMember)
                #expect(batch.columns[0].scalars(as: Int64.self) == Data.rows(tensors[member], batch.indices))
                rows[member] += batch.indices
                order.append(member)
            }
            #expect(rows.map { $0.sorted() } == [40, 20, 10, 5].map { Array(0..<$0) })
            #expect(rows[0] != Array(0..<40), "members are shuffled")
            orders.append(order)
        }
        #expect(orders[0] != orders[1])
    }
}
