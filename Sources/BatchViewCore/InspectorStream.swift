import Batching

/// Which samples each of the inspector's batches holds: the configuration, the sampler its
/// ``SamplingSpec`` builds, the index stream and plan, the data source that reads the batches,
/// and the class counts they imply. A value, rebuilt whole (``reconfigured(_:)``) when `b` or
/// `s` changes the configuration; it also answers where `n` goes and whether an address exists.
struct InspectorStream {
    let configuration: InspectorConfiguration
    let sampler: any Sampler
    /// Which samples each batch holds.
    let stream: BatchStream
    /// The plan that cuts the samples into batches; with file batches, the order of the files.
    let plan: BatchPlan
    /// Reads the batches.
    let source: any DataSource
    /// The shuffle `s` turns back on: the one the session started with (exact or by chunks).
    let shuffleWhenOn: ShuffleChoice
    /// Class counts, when the data has labels that are charted.
    private(set) var balance: ClassBalance?
    private let dataset: InspectedDataset
    private let labels: LabelSummary

    /// The stream `configuration` describes over `dataset`.
    ///
    /// - Throws: what ``SamplingSpec/makeSampler(for:)`` and ``BatchPlan`` throw for the
    ///   configuration, in the library's words; with file batches, the settings that cannot apply;
    ///   with a forward-only source, a batch size other than the one it is read in.
    init(
        dataset: InspectedDataset, configuration: InspectorConfiguration, labels: LabelSummary,
        shuffleWhenOn: ShuffleChoice? = nil
    ) throws {
        self.dataset = dataset
        self.configuration = configuration
        self.labels = labels
        let shuffle = configuration.sampling.shuffle
        self.shuffleWhenOn = shuffleWhenOn ?? (shuffle == .off ? .exact : shuffle)
        if let forward = dataset.forwardOnly {
            // The source decides its own order: the sampling settings do not apply; the batch
            // size must be the one it is read in (the library's sentence otherwise).
            _ = try forward.cache.batchCount(configuration.batchOptions)
            let inBatchOrder = StandardSampler(count: dataset.sampleCount)
            sampler = inBatchOrder
            stream = .forwardOnly(forward)
            source = forward.numberedSource
            plan = try BatchPlan(sampler: inBatchOrder, options: configuration.batchOptions)
        } else if let files = dataset.fileBatches {
            try Self.refuseSampling(configuration.sampling, withFileBatchesOf: dataset)
            sampler = StandardSampler(count: dataset.sampleCount)
            stream = .files(files, configuration.batchOptions)
            source = files.source
            // One file per batch, in the stream's file order.
            plan = try BatchPlan(
                sampler: StandardSampler(count: files.fileCount),
                options: BatchOptions(batchSize: 1, order: configuration.batchOptions.order))
        } else {
            let sampler = try configuration.sampling.makeSampler(for: dataset.sampling)
            // A drawing sampler's draws ignore the repeats (the session refuses them at the start).
            let repeats = sampler.drawsWithReplacement ? 1 : configuration.sampling.repeats
            plan = try BatchPlan(sampler: sampler, repeats: repeats, options: configuration.batchOptions)
            var columns: [any BatchColumn] = [dataset.images]
            if let labelColumn = dataset.labels { columns.append(labelColumn) }
            source = try ArrayDataSource(columns, repeats: repeats, sampler: sampler)
            stream = .plan(plan)
            self.sampler = sampler
        }
        balance =
            labels.charted
            ? labels.labels.map {
                ClassBalance(labels: $0, classCount: labels.classCount, target: sampler.targetProbabilities())
            } : nil
    }

    /// The stream after `change` to the configuration, keeping the shuffle `s` returns to.
    func reconfigured(_ change: (inout InspectorConfiguration) -> Void) throws -> InspectorStream {
        var next = configuration
        change(&next)
        return try InspectorStream(dataset: dataset, configuration: next, labels: labels, shuffleWhenOn: shuffleWhenOn)
    }

    /// With file batches a file is the batch, so the settings that cut batches otherwise (a
    /// drawing sampler, subset, repeats, shard, drop-last) cannot apply.
    private static func refuseSampling(_ sampling: SamplingSpec, withFileBatchesOf dataset: InspectedDataset) throws {
        let unsupported = [
            sampling.sampler != .uniform ? "the \(sampling.sampler) sampler" : nil,
            sampling.subset != nil ? "a subset" : nil, sampling.repeats != 1 ? "repeats" : nil,
            sampling.shard.worldSize != 1 ? "a shard" : nil, sampling.dropLast ? "drop-last" : nil,
        ].compactMap { $0 }
        if let first = unsupported.first {
            throw BatchingError.invalidArgument(
                "with file batches each batch is a whole file of \(dataset.name), so \(first) cannot apply; leave it out"
            )
        }
    }

    /// The number of batches in an epoch; `nil` when epochs never end.
    var batchCount: Int? { stream.batchCount }

    /// The number of epochs (`--epochs`); `nil` for no end.
    var epochLimit: Int? { configuration.epochs }

    /// The batch `n` moves to from the last slice of `address`.
    func nextAddress(after address: BatchAddress) -> BatchAddress {
        let next = BatchAddress(epoch: address.epoch, batch: address.batch + 1)
        if let count = batchCount, next.batch >= count { return BatchAddress(epoch: address.epoch + 1, batch: 0) }
        return next
    }

    /// The batch `p` moves to from the first slice of `address`; `nil` at the first batch, or
    /// before an epoch's first batch when epochs never end.
    func previousAddress(before address: BatchAddress) -> BatchAddress? {
        if address.batch > 0 { return BatchAddress(epoch: address.epoch, batch: address.batch - 1) }
        guard address.epoch > 0, let count = batchCount, count > 0 else { return nil }
        return BatchAddress(epoch: address.epoch - 1, batch: count - 1)
    }

    /// The batches a key is likely to show after `address`, most likely first: `n`'s, `p`'s
    /// and `N`'s (only `n`'s for a forward-only source, which reads each batch once, in order);
    /// each one that can be shown, once.
    func likelyAfter(_ address: BatchAddress) -> [BatchAddress] {
        let next = nextAddress(after: address)
        let candidates =
            dataset.forwardOnly != nil
            ? [next]
            : [next, previousAddress(before: address), BatchAddress(epoch: address.epoch + 1, batch: 0)]
        var likely = [BatchAddress]()
        for case let candidate? in candidates
        where candidate != address && !likely.contains(candidate) && addressProblem(candidate) == nil {
            likely.append(candidate)
        }
        return likely
    }

    /// Why `address` cannot be shown although it exists in principle: its stream position does
    /// not fit in an integer (a typed epoch such as 99999999999999999), or it lies past the last
    /// epoch of `--epochs`; `nil` when it can be shown.
    func addressProblem(_ address: BatchAddress) -> String? {
        if let last = epochLimit, address.epoch >= last {
            return "epoch \(address.epoch) is past the last epoch (--epochs \(last) ends at epoch \(last - 1))"
        }
        if address.epoch > 0, case .plan(let plan) = stream, plan.batchCount == nil {
            return "epoch 0 never ends (--repeats -1, or a sampler without end), so there is no epoch \(address.epoch)"
        }
        let limit = Int.max / 4
        let perEpoch = stream.positionsPerEpoch ?? 0
        let (nextEpoch, o1) = address.epoch.addingReportingOverflow(1)
        let (epochEnd, o2) = perEpoch.multipliedReportingOverflow(by: nextEpoch)
        if o1 || o2 || epochEnd > limit { return "epoch \(address.epoch) is out of range" }
        let (batchEnd, o3) = address.batch.addingReportingOverflow(1)
        let (inEpoch, o4) = stream.largestBatch.multipliedReportingOverflow(by: batchEnd)
        let (position, o5) = inEpoch.addingReportingOverflow(epochEnd)
        if o3 || o4 || o5 || position > limit { return "batch \(address.batch) is out of range" }
        return nil
    }

    /// Every place sample `index` is drawn in `epoch` (looking at no more than 100,000 batches of
    /// an endless epoch), first batch first.
    func places(ofSample index: Int, epoch: Int) -> [(batch: Int, row: Int)] {
        var hits = [(batch: Int, row: Int)]()
        for batch in 0..<(batchCount ?? 100_000) {
            guard let indices = try? stream.indices(epoch: epoch, batch: batch) else { break }
            for (row, sample) in indices.enumerated() where sample == index { hits.append((batch, row)) }
        }
        return hits
    }

    /// Each class's count in batches `0...address.batch` of `address.epoch` (kept between calls).
    mutating func epochClassCounts(through address: BatchAddress) -> [Int] {
        let stream = stream
        return balance?.epochCounts(stream: stream, epoch: address.epoch, through: address.batch) ?? []
    }
}
