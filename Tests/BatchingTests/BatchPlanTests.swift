import Testing

@testable import Batching

@Suite struct BatchPlanTests {
    func allBatches(_ plan: BatchPlan, epoch: Int = 0) throws -> [[Int]] {
        try (0..<plan.batchCount!).map { try plan.indices(epoch: epoch, batch: $0) }
    }

    @Test func repeatsAreConcatenatedThenCut() throws {
        // DESIGN.md's worked example of BatchUp's semantics.
        let plan = try BatchPlan(sampler: StandardSampler(count: 5), repeats: 2, options: BatchOptions(batchSize: 3))
        #expect(try allBatches(plan) == [[0, 1, 2], [3, 4, 0], [1, 2, 3], [4]])
    }

    @Test func theLastBatchIsShortUnlessDropped() throws {
        let short = try BatchPlan(sampler: StandardSampler(count: 7), options: BatchOptions(batchSize: 5))
        #expect(try allBatches(short).map(\.count) == [5, 2])
        let dropped = try BatchPlan(
            sampler: StandardSampler(count: 7), options: BatchOptions(batchSize: 5, dropLast: true))
        #expect(try allBatches(dropped) == [[0, 1, 2, 3, 4]])
    }

    @Test func shufflingVisitsEveryIndexOncePerPass() throws {
        for seed: UInt64 in [1, 2, 12345] {
            let plan = try BatchPlan(
                sampler: StandardSampler(count: 1000), repeats: 3,
                options: BatchOptions(batchSize: 64, order: .shuffled(seed: seed)))
            let stream = try allBatches(plan).flatMap { $0 }
            #expect(stream.count == 3000)
            for pass in 0..<3 {
                #expect(Set(stream[(pass * 1000)..<((pass + 1) * 1000)]) == Set(0..<1000))
            }
            #expect(stream[0..<1000] != stream[1000..<2000], "each pass has its own permutation")
            #expect(Array(stream[0..<1000]) != Array(0..<1000))
        }
    }

    @Test func epochsHaveDifferentPermutations() throws {
        let plan = try BatchPlan(
            sampler: StandardSampler(count: 100), options: BatchOptions(batchSize: 100, order: .shuffled(seed: 9)))
        #expect(try plan.indices(epoch: 0, batch: 0) != plan.indices(epoch: 1, batch: 0))
        #expect(Set(try plan.indices(epoch: 1, batch: 0)) == Set(0..<100))
    }

    @Test func endlessRepeatsWorkWithDataSmallerThanABatch() throws {
        let plan = try BatchPlan(sampler: StandardSampler(count: 3), repeats: -1, options: BatchOptions(batchSize: 7))
        #expect(plan.batchCount == nil)
        #expect(try plan.indices(epoch: 0, batch: 0) == [0, 1, 2, 0, 1, 2, 0])
        #expect(try plan.indices(epoch: 0, batch: 1) == [1, 2, 0, 1, 2, 0, 1])
        let shuffled = try BatchPlan(
            sampler: StandardSampler(count: 3), repeats: -1,
            options: BatchOptions(batchSize: 7, order: .shuffled(seed: 4)))
        let first = try shuffled.indices(epoch: 0, batch: 5)
        #expect(first.count == 7)
        #expect(Set(first[0..<2]).isSubset(of: [0, 1, 2]))
    }

    @Test func planRefusesWhatBatchUpRefuses() throws {
        #expect(throws: BatchingError.invalidBatchSize(0)) {
            try BatchPlan(sampler: StandardSampler(count: 3), options: BatchOptions(batchSize: 0))
        }
        #expect(throws: BatchingError.invalidRepeats(0)) {
            try BatchPlan(sampler: StandardSampler(count: 3), repeats: 0, options: BatchOptions(batchSize: 1))
        }
        #expect(throws: BatchingError.invalidRepeats(-2)) {
            try BatchPlan(sampler: StandardSampler(count: 3), repeats: -2, options: BatchOptions(batchSize: 1))
        }
        let weighted = try WeightedSampler(weights: [1, 2])
        #expect(throws: BatchingError.samplerWithRepeats(2)) {
            try BatchPlan(sampler: weighted, repeats: 2, options: BatchOptions(batchSize: 1, order: .shuffled(seed: 1)))
        }
        #expect(throws: BatchingError.inOrderWithWeightedSampler) {
            try BatchPlan(sampler: weighted, options: BatchOptions(batchSize: 1))
        }
        let plan = try BatchPlan(sampler: StandardSampler(count: 3), options: BatchOptions(batchSize: 2))
        #expect(throws: BatchingError.addressOutOfRange(epoch: 0, batch: 2, batchCount: 2)) {
            try plan.indices(epoch: 0, batch: 2)
        }
    }

    @Test func hugeNumbersAreRefusedNotOverflowed() throws {
        #expect(throws: BatchingError.self) {
            try BatchPlan(sampler: StandardSampler(count: 5), options: BatchOptions(batchSize: Int.max))
        }
        #expect(throws: BatchingError.self) {
            try BatchPlan(sampler: StandardSampler(count: 5), repeats: Int.max, options: BatchOptions(batchSize: 3))
        }
        #expect(throws: BatchingError.self) {
            try ShardedSampler(base: StandardSampler(count: 5), rank: 0, worldSize: Int.max)
        }
        let endless = try BatchPlan(
            sampler: StandardSampler(count: 5), repeats: -1, options: BatchOptions(batchSize: 1 << 32))
        #expect(throws: BatchingError.self) { try endless.indices(epoch: 0, batch: Int.max / 2) }
    }

    @Test func emptyDataHasNoBatches() throws {
        let plan = try BatchPlan(sampler: StandardSampler(count: 0), repeats: -1, options: BatchOptions(batchSize: 4))
        #expect(plan.batchCount == 0)
    }

    @Test func seekingEqualsIteratingForEverySampler() throws {
        let column = Tensor((0..<97).map(Int32.init))
        let labels = (0..<97).map { $0 % 5 == 0 ? 0 : 1 }
        let sources: [ArrayDataSource] = [
            try ArrayDataSource([column]),
            try ArrayDataSource([column], repeats: 3),
            try ArrayDataSource([column], indices: Array(stride(from: 96, through: 0, by: -3)), repeats: 3),
            try ArrayDataSource([column], sampler: WeightedSampler(weights: (0..<97).map { Double($0 % 7) })),
            try ArrayDataSource(
                [column], sampler: WeightedSubsetSampler(subWeights: [1, 2, 3], indices: [5, 50, 90], sampleCount: 97)),
            try ArrayDataSource([column], sampler: WeightedSampler.classBalancing(labels: labels)),
            try ArrayDataSource(
                [column], sampler: ShardedSampler(base: StandardSampler(count: 97), rank: 2, worldSize: 4)),
        ]
        for source in sources {
            let options = BatchOptions(batchSize: 10, order: .shuffled(seed: 77))
            var forward = try source.batches(options, epochs: 3)
            var seen = [BatchAddress: [Int]]()
            while let batch = try forward.next() {
                seen[batch.address] = batch.indices
                #expect(batch.columns[0].scalars(as: Int32.self) == batch.indices.map(Int32.init))
            }
            #expect(seen.count == 3 * (try source.batchCount(options) ?? 0))
            var jumping = try source.batches(options, epochs: 3)
            for address in seen.keys.sorted().reversed() {
                try jumping.seek(to: address)
                #expect(try jumping.next()?.indices == seen[address], "\(type(of: source.sampler)) at \(address)")
            }
        }
    }

    @Test func resumeTokensContinueExactly() throws {
        let source = try ArrayDataSource([Tensor((0..<50).map(Int64.init))], repeats: 2)
        let options = BatchOptions(batchSize: 8, order: .shuffled(seed: 3))
        var iterator = try source.batches(options, epochs: 2)
        for _ in 0..<9 { _ = try iterator.next() }
        let token = try iterator.resumeToken()
        let restored = try #require(ResumeToken(token.description))
        var resumed = try source.batches(options, resumingFrom: restored)
        while let expected = try iterator.next() {
            let got = try #require(try resumed.next())
            #expect(got.address == expected.address)
            #expect(got.indices == expected.indices)
        }
        #expect(try resumed.next() == nil)
        #expect(throws: BatchingError.self) {
            try source.batches(BatchOptions(batchSize: 8, order: .shuffled(seed: 4)), resumingFrom: restored)
        }
        #expect(ResumeToken("bv1:x") == nil)
    }
}
