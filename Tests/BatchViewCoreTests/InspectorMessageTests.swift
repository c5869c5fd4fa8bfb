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

/// A narrow tile keeps the label and shortens the sample index rather than drop the label.
@Suite struct GridCaptionTests {
    /// Labels fitted as `labelCaption` fits a one-digit class: it needs one column.
    static func digitLabel(_ width: Int) -> String? { width >= 1 ? "9" : nil }

    @Test func theIndexGivesWayToTheLabel() {
        // Wide enough for both: unchanged.
        #expect(BatchGridPane.caption(marks: " ", index: 38050, width: 12, label: Self.digitLabel) == " 38050 9")
        // Zoom 4's tile of 7 columns: " 38050 9" is 8, so the index keeps its last digits.
        #expect(BatchGridPane.caption(marks: " ", index: 38050, width: 7, label: Self.digitLabel) == " …050 9")
        #expect(BatchGridPane.caption(marks: "▸!", index: 38050, width: 7, label: Self.digitLabel) == "▸!…50 9")
        // Short indices are never cut; no room at all for a label leaves the index alone.
        #expect(BatchGridPane.caption(marks: " ", index: 677, width: 4, label: Self.digitLabel) == " 677")
        #expect(BatchGridPane.caption(marks: " ", index: 38050, width: 6, label: { _ in "…" }) == " 38050")
    }
}
