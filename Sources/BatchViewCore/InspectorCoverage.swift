import Batching

/// The coverage (`v`) of the inspector's configuration: the visit counts of its epochs and how
/// long counting them took.
public struct InspectorCoverage: Sendable {
    /// Why coverage cannot be counted.
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case fileBatches
        case forwardOnly
        case countingFailed(String)

        public var description: String {
            switch self {
            case .fileBatches:
                "coverage counts the samples a sampler picks; with --file-batches every file is read once an epoch"
            case .forwardOnly:
                "coverage counts the samples a sampler picks; a forward-only source has no sampler and numbers its samples as they come"
            case .countingFailed(let reason): "coverage cannot be counted: \(reason)"
            }
        }
    }

    /// Epochs counted when `--epochs` is not given.
    public static let defaultEpochs = 10

    public var coverage: Coverage
    /// Whether the epochs are `--epochs` (else ``defaultEpochs``).
    public var epochsGiven: Bool
    /// Seconds the counting took.
    public var seconds: Double
}

extension InspectorSession {
    /// The coverage of the configuration on screen over `--epochs` (else 10) epochs, counted
    /// from the index stream on first use and kept until `b` or `s` changes the configuration.
    public func coverage() -> Result<InspectorCoverage, InspectorCoverage.Failure> {
        if dataset.fileBatches != nil { return .failure(.fileBatches) }
        if dataset.forwardOnly != nil { return .failure(.forwardOnly) }
        if let cached = coverageCache, cached.configuration == configuration { return .success(cached.coverage) }
        let epochs = configuration.epochs ?? InspectorCoverage.defaultEpochs
        let start = environment.now()
        do {
            let counted = try Coverage(plan: plan, sampleCount: dataset.sampleCount, epochs: epochs)
            let seconds = Double(environment.now() &- start) / 1e9
            let result = InspectorCoverage(
                coverage: counted, epochsGiven: configuration.epochs != nil, seconds: seconds)
            coverageCache = (configuration, result)
            return .success(result)
        } catch {
            return .failure(.countingFailed("\(error)"))
        }
    }
}
