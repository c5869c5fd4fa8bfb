import Batching
import Testing

@testable import BatchViewCore

/// The inspector builds its sampler only through ``SamplingSpec/makeSampler(for:)``: at the start
/// and when `b` or `s` changes it, with the dataset's ``InspectedDataset/sampling`` data.
@Suite struct InspectorSamplingTests {
    /// 40 samples without labels, with a weights dataset `w` of `weightCount` values.
    static func dataset(weightCount: Int) -> InspectedDataset {
        InspectedDataset(
            name: "weights.h5", images: Tensor(shape: [40, 4, 4], scalars: [UInt8](repeating: 9, count: 640)),
            labels: nil, weightDatasets: ["w"],
            loadWeights: { _ in (0..<weightCount).map { Double($0 + 1) } })
    }

    /// The sentence `spec` earns over `dataset` from the spec itself.
    static func sentence(_ spec: SamplingSpec, _ dataset: InspectedDataset) -> String {
        do {
            _ = try spec.makeSampler(for: dataset.sampling)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func startingAndPressingBWordAMistakeAsTheSpecDoes() throws {
        let dataset = Self.dataset(weightCount: 7)
        let spec = SamplingSpec(sampler: .weights(dataset: "w"), shuffle: .exact)
        let expected = Self.sentence(spec, dataset)
        #expect(expected.contains("the weights dataset w has 7 values but the data has 40 samples"))
        let refused = #expect(throws: BatchingError.self) {
            try InspectorSession(
                dataset: dataset, configuration: InspectorConfiguration(batchSize: 8, sampling: spec),
                colorMode: .none, environment: FixtureData.environment)
        }
        #expect(refused.map { "\($0)" } == expected)
        let session = try FixtureData.session(dataset, batchSize: 8)
        session.handle(.character("b"))
        #expect(session.status.isError)
        #expect(session.status.text == expected)
        #expect(session.configuration.sampler == .uniform)
    }

    @Test func pressingBBuildsWhatTheSpecBuilds() throws {
        let dataset = Self.dataset(weightCount: 40)
        let session = try FixtureData.session(dataset, batchSize: 8)
        session.handle(.character("b"))
        #expect(session.configuration.sampler == .weights(dataset: "w"))
        let spec = SamplingSpec(sampler: .weights(dataset: "w"), shuffle: .exact, seed: 12345)
        let plan = try BatchPlan(
            sampler: spec.makeSampler(for: dataset.sampling), options: spec.batchOptions(batchSize: 8))
        #expect(session.current?.indices == (try plan.indices(epoch: 0, batch: 0)))
    }
}
