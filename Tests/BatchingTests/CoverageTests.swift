import Testing

@testable import Batching

/// Coverage counts what the plan's batches hold, batch by batch, over the epochs.
@Suite struct CoverageTests {
    /// Visits counted the slow way: every batch of every epoch, as `batchview order` prints them.
    func batchByBatch(_ plan: BatchPlan, sampleCount: Int, epochs: Int) throws -> [UInt32] {
        var visits = [UInt32](repeating: 0, count: sampleCount)
        for epoch in 0..<epochs {
            for batch in 0..<(plan.batchCount ?? 0) {
                for index in try plan.indices(epoch: epoch, batch: batch) { visits[index] += 1 }
            }
        }
        return visits
    }

    @Test(arguments: [
        SamplingSpec(shuffle: .exact, seed: 3), SamplingSpec(shuffle: .off, dropLast: true),
        SamplingSpec(sampler: .balanced, shuffle: .exact, seed: 5),
        SamplingSpec(shuffle: .exact, seed: 9, subset: 100..<900, shard: Shard(rank: 1, worldSize: 3)),
        SamplingSpec(shuffle: .exact, seed: 2, repeats: 3),
    ])
    func equalsTheBatchesOfThePlan(spec: SamplingSpec) throws {
        let labels = (0..<100_000).map { $0 < 90_000 ? 0 : $0 % 7 }
        let data = SamplingData(name: "test", sampleCount: 100_000, labels: { labels })
        let plan = try BatchPlan(
            sampler: try spec.makeSampler(for: data), repeats: spec.repeats,
            options: spec.batchOptions(batchSize: 100))
        let coverage = try Coverage(plan: plan, sampleCount: 100_000, epochs: 3)
        #expect(coverage.visits == (try batchByBatch(plan, sampleCount: 100_000, epochs: 3)))
    }

    @Test func aDroppedTailIsNeverVisitedAndTheRestOnceAnEpoch() throws {
        let plan = try BatchPlan(
            sampler: StandardSampler(count: 1000), options: BatchOptions(batchSize: 64, dropLast: true))
        let coverage = try Coverage(plan: plan, sampleCount: 1000, epochs: 2)
        #expect(coverage.neverVisitedCount == 1000 - 15 * 64)
        #expect(coverage.neverVisited(limit: 3) == [960, 961, 962])
        #expect(coverage.histogram == [40, 0, 960])
        let labels = (0..<1000).map { $0 % 4 }
        #expect(coverage.classCoverage(labels: labels, classCount: 4).map(\.visited) == [240, 240, 240, 240])
    }

    @Test func anEndlessEpochIsRefused() throws {
        let plan = try BatchPlan(sampler: StandardSampler(count: 10), repeats: -1, options: BatchOptions(batchSize: 4))
        #expect(throws: BatchingError.self) { try Coverage(plan: plan, sampleCount: 10, epochs: 1) }
    }
}
