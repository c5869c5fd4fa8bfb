import Batching
import Testing

@testable import BatchViewCore

/// `/ N` for a sample no batch of the epoch holds says why: the subset, the shard or the sampler.
@Suite struct FindMessageTests {
    @Test func theReasonNamesWhatLeftTheSampleOut() {
        let subset = SamplingSpec(sampler: .uniform, shuffle: .off, seed: 1, subset: 100..<200)
        #expect(
            InspectorSession.whyNotDrawn(sample: 50, epoch: 0, subset, sampler: .uniform)
                == "sample 50 is outside the subset 100:200 (--subset)")
        let shard = SamplingSpec(sampler: .uniform, shuffle: .off, seed: 1, shard: Shard(rank: 1, worldSize: 4))
        #expect(
            InspectorSession.whyNotDrawn(sample: 3, epoch: 2, shard, sampler: .uniform)
                == "sample 3 is not in shard 1/4 in epoch 2")
        let drawn = SamplingSpec(sampler: .balanced, shuffle: .exact, seed: 1)
        #expect(
            InspectorSession.whyNotDrawn(sample: 7, epoch: 1, drawn, sampler: .balanced)
                == "sample 7 is not drawn in epoch 1 (balanced sampler)")
    }
}
