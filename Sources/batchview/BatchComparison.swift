import Batching

/// How two runs' batches at the same position differ, checked in this order: the sample indices,
/// the raw bytes read, the bytes after preprocessing.
enum BatchDifference: Equatable {
    /// The batches hold other samples (or one run has a batch where the other has none).
    case indices
    /// The same samples, other bytes as read.
    case rawBytes
    /// The same samples and raw bytes, other bytes after `--preprocess`.
    case preprocessedBytes

    /// The first difference between `first` and `second`, or `nil` when they are equal.
    static func between(_ first: PreprocessedBatch?, _ second: PreprocessedBatch?) -> BatchDifference? {
        guard let first, let second else { return first == nil && second == nil ? nil : .indices }
        if first.raw.indices != second.raw.indices { return .indices }
        if first.raw.columns != second.raw.columns { return .rawBytes }
        let firstSlices = first.slices.map { [$0.images] + ($0.labels.map { [$0] } ?? []) }
        let secondSlices = second.slices.map { [$0.images] + ($0.labels.map { [$0] } ?? []) }
        return firstSlices == secondSlices ? nil : .preprocessedBytes
    }

    /// `indices` or `bytes`, the `reason` of `diff`'s line.
    var reason: String { self == .indices ? "indices" : "bytes" }

    /// Which bytes differ (`raw` or `preprocessed`); `nil` for indices.
    var stage: String? {
        switch self {
        case .indices: nil
        case .rawBytes: "raw"
        case .preprocessedBytes: "preprocessed"
        }
    }
}
