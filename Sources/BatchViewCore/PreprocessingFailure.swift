import Batching

/// Why a batch on screen has no augmented samples: a call of an external (`python:`) stage
/// failed on it — raised, hung, died, returned junk, or was cancelled (Esc). The raw batch is
/// shown under it, since the input that broke the augmentation is what its user needs to see.
///
/// ```swift
/// if let failure = batch.preprocessingFailure { print(failure.banner) }
/// // augmentation failed, raw samples shown: python:aug.py:f failed at epoch 0, batch 2: …
/// ```
public struct PreprocessingFailure: Sendable, Hashable {
    /// The stage's sentence.
    public var message: String
    /// Whether the call was cancelled rather than failed by itself.
    public var cancelled: Bool

    public init(message: String, cancelled: Bool) {
        self.message = message
        self.cancelled = cancelled
    }

    /// The failure of `error` when it is an external stage's call error; `nil` for any other
    /// error (a configuration the batch cannot take, such as a crop larger than the images,
    /// stays an error of the whole load).
    init?(_ error: any Error) {
        guard let external = error as? any ExternalStageError else { return nil }
        self.init(message: external.description, cancelled: external.isCancellation)
    }

    /// The grid's banner over the raw samples (the stage without its folders: the status line
    /// has the whole sentence).
    public var banner: String {
        (cancelled ? "augmentation cancelled" : "augmentation failed") + ", raw samples shown: "
            + StageName.shortFirst(message)
    }
}
