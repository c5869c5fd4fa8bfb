import Testing

@testable import Batching

/// Ports of BatchUp 0.2.3's test_sampling.py. In-order streams are compared exactly; shuffled ones
/// by what they rely on (each pass a permutation of the pass, NumPy's RandomState not being ours);
/// weighted draws by their frequencies.
@Suite struct SamplingPortTests {
    /// A 10-of-20 subset, as BatchUp's `permutation(20)[:10]` (any fixed subset serves).
    static let subset = [13, 4, 18, 0, 7, 11, 2, 16, 9, 5]

    /// Every index of one epoch, batch by batch.
    static func batches(
        _ sampler: any Sampler, repeats: Int, size: Int, order: SampleOrder = .sequential, limit: Int? = nil
    )
        throws -> [[Int]]
    {
        let plan = try BatchPlan(
            sampler: sampler, repeats: repeats, options: BatchOptions(batchSize: size, order: order))
        let count = try #require([plan.batchCount, limit].compactMap { $0 }.min())
        return try (0..<count).map { try plan.indices(epoch: 0, batch: $0) }
    }

    /// test_num_batches: 20 samples in 4 batches of 5, 21 in 5.
    @Test func numberOfBatches() throws {
        #expect(try BatchPlan(sampler: StandardSampler(count: 20), options: BatchOptions(batchSize: 5)).batchCount == 4)
        #expect(try BatchPlan(sampler: StandardSampler(count: 21), options: BatchOptions(batchSize: 5)).batchCount == 5)
    }

    /// test_StandardSampler(_repeated)(_small_dataset) and test_SubsetSampler(…): for both
    /// samplers, in order the batches are the (mapped) pass repeated and cut every batch size;
    /// shuffled they hold the same numbers of indices and each pass is a permutation.
    @Test(arguments: [false, true])
    func passSamplers(subset: Bool) throws {
        let sampler: any Sampler =
            subset ? try SubsetSampler(indices: Self.subset, sampleCount: 20) : StandardSampler(count: 10)
        let pass = subset ? Self.subset : Array(0..<10)
        let cases: [(repeats: Int, size: Int, counts: [Int])] = [
            (1, 5, [5, 5]), (1, 6, [6, 4]), (3, 5, [5, 5, 5, 5, 5, 5]), (3, 7, [7, 7, 7, 7, 2]),
        ]
        for (repeats, size, counts) in cases {
            let inOrder = try Self.batches(sampler, repeats: repeats, size: size)
            #expect(inOrder.map(\.count) == counts)
            #expect(inOrder.flatMap { $0 } == Array(Array(repeating: pass, count: repeats).joined()))
            let shuffled = try Self.batches(sampler, repeats: repeats, size: size, order: .shuffled(seed: 12345))
            #expect(shuffled.map(\.count) == counts)
            let stream = shuffled.flatMap { $0 }
            for start in stride(from: 0, to: stream.count, by: pass.count) {
                #expect(stream[start..<(start + pass.count)].sorted() == pass.sorted())
            }
            #expect(stream != inOrder.flatMap { $0 })
        }
        #expect(throws: BatchingError.self) {
            try BatchPlan(sampler: sampler, repeats: -5, options: BatchOptions(batchSize: 5))
        }
    }

    /// test_…_repeated_small_dataset: 20 samples (or a 20-of-40 subset) repeated endlessly or
    /// 16 times, in batches of 64: 32 passes in ten batches, 320 indices in five.
    @Test(arguments: [false, true])
    func smallDatasetsRepeat(subset: Bool) throws {
        let pass = subset ? (0..<40).map { ($0 * 17 + 3) % 40 }.prefix(20).map { $0 } : Array(0..<20)
        let sampler: any Sampler =
            subset ? try SubsetSampler(indices: pass, sampleCount: 40) : StandardSampler(count: 20)
        let endless = try BatchPlan(sampler: sampler, repeats: -1, options: BatchOptions(batchSize: 64))
        #expect(endless.batchCount == nil)
        for order in [SampleOrder.sequential, .shuffled(seed: 12345)] {
            let ten = try Self.batches(sampler, repeats: -1, size: 64, order: order, limit: 10).flatMap { $0 }
            #expect(ten.count == 640)
            let sixteen = try Self.batches(sampler, repeats: 16, size: 64, order: order)
            #expect(sixteen.count == 5 && sixteen.flatMap { $0 }.count == 320)
            for stream in [ten, sixteen.flatMap { $0 }] {
                for start in stride(from: 0, to: stream.count, by: 20) {
                    let one = Array(stream[start..<(start + 20)])
                    if order == .sequential { #expect(one == pass) } else { #expect(one.sorted() == pass.sorted()) }
                }
            }
        }
    }

    /// test_WeightedSampler: draws follow the weights 0.1…0.4, in-order iteration is refused, all-zero
    /// weights are refused; class-balancing weights are 1/6, 1/9, 1/15 also for labels with holes,
    /// and the balancing sampler draws by them.
    @Test func weightedSampler() throws {
        let sampler = try WeightedSampler(weights: [0.1, 0.2, 0.3, 0.4], drawsPerEpoch: .endless)
        #expect(
            try BatchPlan(sampler: sampler, options: BatchOptions(batchSize: 5, order: .shuffled(seed: 1))).batchCount
                == nil)
        #expect(throws: BatchingError.self) { try BatchPlan(sampler: sampler, options: BatchOptions(batchSize: 5)) }
        let draws = try Self.batches(sampler, repeats: 1, size: 500, order: .shuffled(seed: 12345), limit: 80).flatMap {
            $0
        }
        for (index, weight) in [0.1, 0.2, 0.3, 0.4].enumerated() {
            #expect(abs(Double(draws.filter { $0 == index }.count) / 40_000 - weight) < 0.01)
        }
        #expect(throws: BatchingError.self) { try WeightedSampler(weights: [0, 0, 0]) }
        let expected =
            [Double](repeating: 1 / 6, count: 2) + Array(repeating: 1 / 9, count: 3)
            + Array(repeating: 1 / 15, count: 5)
        let labels = [0, 0, 1, 1, 1, 2, 2, 2, 2, 2]
        #expect(
            try WeightedSampler.classBalancingSampleWeights(labels: labels).elementsEqual(expected) {
                abs($0 - $1) < 1e-15
            })
        #expect(
            try WeightedSampler.classBalancingSampleWeights(labels: labels.map { 2 * $0 + 1 }).elementsEqual(expected) {
                abs($0 - $1) < 1e-15
            })
        let balancing = try WeightedSampler.classBalancing(labels: labels)
        #expect(balancing.targetProbabilities().elementsEqual(expected) { abs($0 - $1) < 1e-12 })
    }

    /// test_WeightedSubsetSampler: draws only indices 0, 2, 4 in proportion 0.1 : 0.3 : 0.5;
    /// mismatched and all-zero weights are refused; the class-balancing subset sampler's weights
    /// are 1/3, 1/6, 1/6, 1/9, 1/9, 1/9.
    @Test func weightedSubsetSampler() throws {
        let sampler = try WeightedSubsetSampler(
            subWeights: [0.1, 0.3, 0.5], indices: [0, 2, 4], sampleCount: 5, drawsPerEpoch: .endless)
        #expect(throws: BatchingError.self) { try BatchPlan(sampler: sampler, options: BatchOptions(batchSize: 5)) }
        let draws = try Self.batches(sampler, repeats: 1, size: 500, order: .shuffled(seed: 12345), limit: 80).flatMap {
            $0
        }
        #expect(draws.count == 40_000 && Set(draws).isSubset(of: [0, 2, 4]))
        for (index, weight) in [(0, 0.1 / 0.9), (2, 0.3 / 0.9), (4, 0.5 / 0.9)] {
            #expect(abs(Double(draws.filter { $0 == index }.count) / Double(draws.count) - weight) < 0.01)
        }
        #expect(throws: BatchingError.self) {
            try WeightedSubsetSampler(subWeights: [1, 1, 1, 1, 1], indices: [0, 1, 2], sampleCount: 5)
        }
        #expect(throws: BatchingError.self) {
            try WeightedSubsetSampler(subWeights: [0, 0, 0], indices: [0, 1, 2], sampleCount: 3)
        }
        let balancing = try WeightedSubsetSampler.classBalancing(
            labels: [0, 0, 1, 1, 1, 2, 2, 2, 2, 2], indices: [0, 2, 3, 5, 6, 7])
        let target = balancing.targetProbabilities()
        let expected = [0: 1.0 / 3, 2: 1.0 / 6, 3: 1.0 / 6, 5: 1.0 / 9, 6: 1.0 / 9, 7: 1.0 / 9]
        for index in 0..<10 { #expect(abs(target[index] - (expected[index] ?? 0)) < 1e-12) }
    }
}
