import Batching

/// The batches a command walks: from `start` up to (not including) epoch `endEpoch`.
struct RunBounds: Equatable {
    var start: BatchAddress
    var endEpoch: Int
}

extension IterationOptions {
    /// Where an iterating command starts and where it stops: without `--resume`, epoch 0 batch 0
    /// to `--epochs`; with it, the token's batch (checked against `spec` and `batchSize` over
    /// `sampleCount` samples) to `--epochs` when given, else to the end the token carries, else
    /// to the end of the token's epoch.
    ///
    /// - Throws: ``BatchingError/invalidResumeToken(_:)`` naming what differs when the token
    ///   was made with other options, or when its batch is not in this run.
    func runBounds(spec: SamplingSpec, batchSize: Int, sampleCount: Int, batchCount: Int?) throws -> RunBounds {
        guard let resume else { return RunBounds(start: BatchAddress(epoch: 0, batch: 0), endEpoch: epochs) }
        try resume.check(against: ConfigurationFingerprint(spec, batchSize: batchSize, sampleCount: sampleCount))
        let start = resume.address
        if start.epoch < 0 || start.batch < 0 || batchCount.map({ start.batch >= $0 }) ?? false {
            throw BatchingError.invalidResumeToken(
                "\(BatchingError.addressOutOfRange(epoch: start.epoch, batch: start.batch, batchCount: batchCount))")
        }
        let end = givenEpochs ?? resume.endEpoch ?? start.epoch + 1
        guard start.epoch < end else {
            throw BatchingError.invalidResumeToken(
                "it starts at epoch \(start.epoch), but this run ends before epoch \(end) (--epochs \(end)); give a larger --epochs"
            )
        }
        return RunBounds(start: start, endEpoch: end)
    }
}
