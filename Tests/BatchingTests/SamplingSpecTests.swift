import Testing

@testable import Batching

/// ``SamplingSpec/makeSampler(for:)``: each choice builds the sampler the library's types build
/// by hand, asks the data only for what it needs, and words each mistake once.
@Suite struct SamplingSpecTests {
    private let labels = (0..<40).map { $0 % 4 == 0 ? 1 : 0 }

    private func data(rowsPerChunk: Int? = nil, weights: [Double]? = nil) -> SamplingData {
        let labels = labels
        var data = SamplingData(name: "demo.h5", sampleCount: 40, rowsPerChunk: rowsPerChunk, labels: { labels })
        if let weights { data.weights = { _ in weights } }
        return data
    }

    private func pass(_ sampler: any Sampler, order: SampleOrder) throws -> [Int] {
        try sampler.indices(epoch: 1, pass: 0, positions: Array(0..<(sampler.passLength ?? 0)), order: order)
    }

    @Test func eachChoiceBuildsTheSamplerItNames() throws {
        let order = SampleOrder.shuffled(seed: 5)
        let uniform = try SamplingSpec(shuffle: .exact, seed: 5).makeSampler(for: data())
        #expect(try pass(uniform, order: order) == pass(StandardSampler(count: 40), order: order))
        let subset = try SamplingSpec(shuffle: .exact, seed: 5, subset: 10..<30).makeSampler(for: data())
        #expect(
            try pass(subset, order: order)
                == pass(SubsetSampler(indices: Array(10..<30), sampleCount: 40), order: order))
        let chunks = try SamplingSpec(shuffle: .chunks, seed: 5, subset: 3..<33, windowChunks: 2)
            .makeSampler(for: data(rowsPerChunk: 4))
        let byHand = try ChunkShuffleSampler(sampleCount: 40, rowsPerChunk: 4, windowChunks: 2, subset: Array(3..<33))
        #expect(try pass(chunks, order: order) == pass(byHand, order: order))
        let sharded = try SamplingSpec(shuffle: .exact, seed: 5, shard: Shard(rank: 1, worldSize: 3), dropLast: true)
            .makeSampler(for: data())
        let shardByHand = try ShardedSampler(base: StandardSampler(count: 40), rank: 1, worldSize: 3, dropLast: true)
        #expect(try pass(sharded, order: order) == pass(shardByHand, order: order))
        let balanced = try SamplingSpec(sampler: .balanced, shuffle: .exact).makeSampler(for: data())
        #expect(
            balanced.targetProbabilities() == (try WeightedSampler.classBalancing(labels: labels).targetProbabilities())
        )
        let weights = (0..<40).map { Double($0 + 1) }
        let weighted = try SamplingSpec(sampler: .weights(dataset: "w"), shuffle: .exact, subset: 0..<20)
            .makeSampler(for: data(weights: weights))
        let weightedByHand = try WeightedSubsetSampler(
            subWeights: Array(weights[0..<20]), indices: Array(0..<20), sampleCount: 40)
        #expect(weighted.targetProbabilities() == weightedByHand.targetProbabilities())
    }

    @Test func theDataIsAskedOnlyForWhatTheSpecNeeds() throws {
        let data = SamplingData(
            name: "demo.h5", sampleCount: 40,
            labels: {
                Issue.record("labels read for a uniform sampler")
                return []
            },
            weights: { _ in
                Issue.record("weights read for a uniform sampler")
                return []
            })
        _ = try SamplingSpec(shuffle: .exact).makeSampler(for: data)
    }

    @Test(arguments: [
        (SamplingSpec(sampler: .balanced), "a weighted sampler draws at random, so it cannot iterate in order"),
        (SamplingSpec(subset: 30..<50), "--subset 30:50 reaches past the data, which has 40 samples; give END ≤ 40"),
        (
            SamplingSpec(shuffle: .chunks),
            "--shuffle chunks needs samples stored in chunks, but those of demo.h5 are not"
        ),
        (SamplingSpec(shard: Shard(rank: 2, worldSize: 2)), "shard 2/2 is impossible"),
        (
            SamplingSpec(sampler: .weights(dataset: "w"), shuffle: .exact),
            "the weights dataset w has 3 values but the data has 40 samples; give one weight per sample"
        ),
    ])
    func aBadChoiceGetsOneSentence(spec: SamplingSpec, sentence: String) throws {
        let error = #expect(throws: BatchingError.self) { try spec.makeSampler(for: data(weights: [1, 2, 3])) }
        #expect("\(error.map { "\($0)" } ?? "")".contains(sentence))
    }

    @Test func aBalancedSamplerNeedsLabels() throws {
        let unlabelled = SamplingData(name: "pixels.h5", sampleCount: 40)
        let error = #expect(throws: BatchingError.self) {
            try SamplingSpec(sampler: .balanced, shuffle: .exact).makeSampler(for: unlabelled)
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("--sampler balanced needs labels, but pixels.h5 has none"))
    }

    @Test func choicesReadAsTheyAreWritten() {
        #expect(SamplerChoice("weights:train/w") == .weights(dataset: "train/w"))
        #expect(SamplerChoice("weights:") == nil)
        #expect(SamplerChoice("balanced")?.description == "balanced")
        #expect(Shard("1/4") == Shard(rank: 1, worldSize: 4))
        #expect(Shard("1/x") == nil && Shard("1/2/3") == nil && Shard("1/") == nil)
    }
}
