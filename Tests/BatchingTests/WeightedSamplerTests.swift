import Testing

@testable import Batching

@Suite struct WeightedSamplerTests {
    /// Pearson's chi-square statistic of observed counts against expected probabilities.
    func chiSquare(_ counts: [Int], _ probabilities: [Double]) -> Double {
        let total = Double(counts.reduce(0, +))
        return zip(counts, probabilities).reduce(0) { sum, pair in
            let expected = total * pair.1
            return expected == 0 ? sum : sum + (Double(pair.0) - expected) * (Double(pair.0) - expected) / expected
        }
    }

    func draws(_ sampler: some Sampler, batches: Int, batchSize: Int = 100) throws -> [Int] {
        let plan = try BatchPlan(
            sampler: sampler, options: BatchOptions(batchSize: batchSize, order: .shuffled(seed: 2024)))
        let perEpoch = try #require(plan.batchCount)
        return try (0..<batches).flatMap { try plan.indices(epoch: $0 / perEpoch, batch: $0 % perEpoch) }
    }

    @Test func drawFrequenciesFollowTheWeights() throws {
        let weights: [Double] = [1, 2, 3, 4, 0, 10]
        let sampler = try WeightedSampler(weights: weights, drawsPerEpoch: .draws(1000))
        let drawn = try draws(sampler, batches: 400)
        var counts = [Int](repeating: 0, count: weights.count)
        for index in drawn { counts[index] += 1 }
        #expect(counts[4] == 0, "a zero weight is never drawn")
        // 5 degrees of freedom; 20.5 is the 0.001 critical value.
        #expect(chiSquare(counts, sampler.targetProbabilities()) < 20.5)
    }

    @Test func aliasDrawsStayCorrectForManyWeights() throws {
        let weights = (0..<10_000).map { Double(($0 * 7919) % 13) }
        let sampler = try WeightedSampler(weights: weights)
        let probabilities = sampler.targetProbabilities()
        // Group into the 13 weight levels: each level's share must match.
        var observed = [Int](repeating: 0, count: 13)
        var expected = [Double](repeating: 0, count: 13)
        for index in try draws(sampler, batches: 200, batchSize: 1000) { observed[Int(weights[index])] += 1 }
        for (index, weight) in weights.enumerated() { expected[Int(weight)] += probabilities[index] }
        #expect(observed[0] == 0)
        // 11 degrees of freedom (level 0 is never drawn); 31.3 is the 0.001 critical value.
        #expect(chiSquare(observed, expected) < 31.3)
    }

    @Test func batchesAreAlwaysFull() throws {
        let sampler = try WeightedSampler(weights: [1, 1, 1, 1, 1, 1, 1])
        let plan = try BatchPlan(sampler: sampler, options: BatchOptions(batchSize: 3, order: .shuffled(seed: 1)))
        #expect(plan.batchCount == 3)
        for batch in 0..<3 { #expect(try plan.indices(epoch: 0, batch: batch).count == 3) }
        let endless = try WeightedSampler(weights: [1, 1], drawsPerEpoch: .endless)
        #expect(
            try BatchPlan(sampler: endless, options: BatchOptions(batchSize: 3, order: .shuffled(seed: 1))).batchCount
                == nil)
    }

    @Test func badWeightsAreRefused() {
        #expect(throws: BatchingError.weightsSumToZero) { try WeightedSampler(weights: [0, 0]) }
        #expect(throws: BatchingError.weightsSumToZero) { try WeightedSampler(weights: []) }
        #expect(throws: BatchingError.invalidWeight(index: 1, value: -1)) { try WeightedSampler(weights: [1, -1]) }
        #expect(throws: BatchingError.self) { try WeightedSampler(weights: [1, .nan]) }
        #expect(throws: BatchingError.subWeightsMismatch(weights: 1, indices: 2)) {
            try WeightedSubsetSampler(subWeights: [1], indices: [0, 1], sampleCount: 5)
        }
    }

    @Test func classBalancingWeightsGiveEachClassOneKth() throws {
        let labels = [0, 0, 0, 1, 2, 2]
        let weights = try WeightedSampler.classBalancingSampleWeights(labels: labels)
        #expect(weights[0] == 1.0 / 9 && weights[3] == 1.0 / 3 && weights[4] == 1.0 / 6)
        // A class missing from the labels takes no share: classes 0 and 5 present, K = 2.
        #expect(try WeightedSampler.classBalancingSampleWeights(labels: [5, 0, 0]) == [0.5, 0.25, 0.25])
        #expect(throws: BatchingError.self) { try WeightedSampler.classBalancingSampleWeights(labels: [0, -1]) }
    }

    @Test func classBalancingEqualisesTheImbalancedFixturesCounts() throws {
        // ../shared/fixtures/imbalanced.h5 has class counts 400, 200, …, 2.
        let classCounts = [400, 200, 100, 50, 25, 13, 7, 3, 2]
        var labels = [Int]()
        for (label, count) in classCounts.enumerated() { labels += Array(repeating: label, count: count) }
        var random = CounterRandom(seed: 5, purpose: .shuffle)
        labels.shuffle(using: &random)
        let sampler = try WeightedSampler.classBalancing(labels: labels)
        var drawnPerClass = [Int](repeating: 0, count: classCounts.count)
        for index in try draws(sampler, batches: 90, batchSize: 100) { drawnPerClass[labels[index]] += 1 }
        let uniform = [Double](repeating: 1 / Double(classCounts.count), count: classCounts.count)
        // 8 degrees of freedom; 26.1 is the 0.001 critical value. 9,000 draws, ~1,000 a class.
        #expect(chiSquare(drawnPerClass, uniform) < 26.1)
        #expect(drawnPerClass.min()! > 850 && drawnPerClass.max()! < 1150)
    }

    @Test func subsetSamplersDrawOnlyTheSubset() throws {
        let sampler = try WeightedSubsetSampler(subWeights: [1, 3], indices: [10, 20], sampleCount: 30)
        let drawn = try draws(sampler, batches: 40)
        #expect(Set(drawn) == [10, 20])
        let share = Double(drawn.filter { $0 == 20 }.count) / Double(drawn.count)
        #expect(abs(share - 0.75) < 0.03)
        let balanced = try WeightedSubsetSampler.classBalancing(labels: [0, 0, 0, 1, 1, 9], indices: [0, 1, 3])
        #expect(balanced.targetProbabilities() == [0.25, 0.25, 0, 0.5, 0, 0])
    }
}
