import Batching
import Foundation

/// What `bench` iterates: a data source and how many uint8 source bytes one sample has.
struct BenchWorkload {
    var source: any DataSource
    /// The samples of the data (a resume token's fingerprint names it).
    var sampleCount: Int
    var bytesPerSample: Int
    var name: String
    var mode: String
    var fileBatches: Bool

    /// A uint8 tensor of `shape` filled by the fixture formula (7i + 3r + c + 11ch) % 256, row by row.
    static func generatedImages(shape: [Int]) -> Tensor {
        var tensor = Tensor(zeros: .uint8, shape: shape)
        let rows = shape[0]
        let height = shape.count > 1 ? shape[1] : 1
        let width = shape.count > 2 ? shape[2] : 1
        let channels = shape.count > 3 ? shape[3] : 1
        tensor.withUnsafeMutableBufferPointer(of: UInt8.self) { out in
            var k = 0
            for i in 0..<rows {
                for r in 0..<height {
                    for c in 0..<width {
                        for ch in 0..<channels {
                            out[k] = UInt8(truncatingIfNeeded: 7 * i + 3 * r + c + 11 * ch)
                            k += 1
                        }
                    }
                }
            }
        }
        return tensor
    }
}

/// One batch as `bench` prepares it: the source's columns and the images' float32 conversion,
/// both kept for reuse by the pipeline's pool.
struct BenchBatch: Sendable {
    /// The batch as the source returned it, or, when the images were converted as they were
    /// gathered, its indices and its other columns (labels) only.
    var raw: Batch
    var floats: Tensor
    var times: StageTimes

    /// Whether `floats` is the raw image column itself (the source's images were float32).
    var floatsAreRawImages = false

    /// Bytes of the raw columns and the float images, each buffer counted once.
    var byteCount: Int {
        raw.columns.dropFirst(floatsAreRawImages ? 1 : 0).reduce(floats.byteCount) { $0 + $1.byteCount }
    }
}

/// The timed loop of `bench`.
struct BenchRun {
    var workload: BenchWorkload
    var options: BatchOptions
    /// The epoch the run stops before.
    var epochs: Int
    /// The first batch (`--resume`).
    var start = BatchAddress(epoch: 0, batch: 0)
    /// Prefetch threads, each preparing whole batches.
    var workers: Int
    /// Whether the timing thread prepares batches too while the one it needs next is not ready.
    var mainThreadPrepares = false
    /// Threads that share one batch's float32 conversion (whole-file batches).
    var threadsPerBatch = 1
    var buffer: Int
    var preprocessor: (any Preprocessor)?
    /// Bytes the decoded-chunk cache may hold (0 for in-memory data); part of the peak bound.
    var cacheBudget = 0

    struct Result {
        var record: [String: Any]
    }

    /// Batches prepared in a pooled output, and in a fresh one (filled in by the loop).
    private final class PoolCounts {
        var reused = 0, fresh = 0
        var waits: StageWaits?
    }
    private let poolCounts = PoolCounts()

    func run() throws -> Result {
        let source = workload.source
        guard let perEpoch = try source.batchCount(options) else {
            throw BatchingError.invalidArgument(
                "an epoch of this configuration never ends (repeats -1), so bench cannot time it; use --repeats 1")
        }
        let sequence = AddressSequence(start: start, batchesPerEpoch: perEpoch, endEpoch: epochs)
        let probe = ProcessMemoryProbe()
        let baseResident = probe.resident().now
        let bar = ProgressBar(label: "bench", total: sequence.count ?? 0, unit: .count("batches"))
        let clock = ContinuousClock()
        var samples = 0
        var batches = 0
        var checksum = 0.0
        var stages = StageTimes()
        var residentByEpoch = [Double]()
        var heapByEpoch = [Double]()
        var batchBytes = 0
        var epochEnds = [(seconds: Double, samples: Int)]()
        let start = clock.now
        try forEachBatch(sequence) { count, firstValue, times, bytes in
            samples += count
            batches += 1
            checksum += firstValue
            stages = stages + times
            batchBytes = max(batchBytes, bytes)
            if batches % perEpoch == 0 {
                epochEnds.append(((clock.now - start).seconds, samples))
                residentByEpoch.append(ByteUnits.mebibytes(probe.resident().now))
                if let heap = probe.heapInUse() { heapByEpoch.append(ByteUnits.mebibytes(heap)) }
            }
            bar.update(batches)
        }
        let seconds = (clock.now - start).seconds
        bar.finish()
        // The whole timed run is the window's one span: from the start to the last batch.
        var run = ThroughputWindow(capacity: 2)
        run.start(at: 0)
        run.record(
            samples: samples, stages: StageTimes(bytesRead: samples * workload.bytesPerSample), at: seconds)
        let rates = run.elapsedRates
        let peak = probe.resident().peak
        let parts = probe.residentParts()
        let mb = Self.peersMemoryMB
        var record: [String: Any] = [
            "samples": samples, "batches": batches, "seconds": (seconds * 1e4).rounded() / 1e4,
            "samples_per_s": (rates.samplesPerSecond * 10).rounded() / 10,
            "MB_per_s": (ByteUnits.megabytes(rates.bytesReadPerSecond) * 100).rounded() / 100,
            "peak_rss_MB": mb(peak), "base_rss_MB": mb(baseResident),
            "end_rss_anon_MB": mb(parts.anonymous), "end_rss_file_MB": mb(parts.file),
            "bytes_per_sample": workload.bytesPerSample, "batch_bytes": batchBytes, "checksum": checksum,
            "rss_by_epoch_MB": residentByEpoch.map { ($0 * 10).rounded() / 10 },
            "heap_by_epoch_MB": heapByEpoch.map { ($0 * 10).rounded() / 10 },
            "peak_bound_MB": mb(baseResident + outputsBound(batchBytes: batchBytes) + cacheBudget),
            "pool_reused": poolCounts.reused, "pool_fresh": poolCounts.fresh,
            "stage_ms": Self.milliseconds(stages.perBatch(batches)),
        ]
        if let waits = poolCounts.waits { record["waits"] = Self.waitsRecord(waits) }
        let endSeconds = epochEnds.map(\.seconds)
        record["seconds_by_epoch"] = zip(endSeconds, [0] + endSeconds).map { (($0 - $1) * 1e4).rounded() / 1e4 }
        if let first = epochEnds.first, let last = epochEnds.last, last.seconds > first.seconds {
            // Every epoch but the first: the rate once files are mapped and buffers touched.
            let rate = Double(last.samples - first.samples) / (last.seconds - first.seconds)
            record["samples_per_s_after_epoch1"] = (rate * 10).rounded() / 10
        }
        if residentByEpoch.count >= 2 {
            let growth = (residentByEpoch.last! - residentByEpoch[0]) / residentByEpoch[0] * 100
            record["rss_growth_after_epoch1_pct"] = (growth * 100).rounded() / 100
        }
        return Result(record: record)
    }

    /// Whole-file batches alive at once: the one the consumer holds and the one being read
    /// (kaggle300's are ~200 MB of float32 each), never a third.
    static let fileBatchOutputs = 2

    /// Bytes the batches in flight may hold at most: whole-file batches, ``fileBatchOutputs`` of
    /// them and 8 MiB for the heap and the read scratch (a part of about 1 MiB per thread, or a
    /// piece of about 8 MiB of a chunked file); smaller batches, the buffer's, one per worker and
    /// two more (the consumer's, the one being handed over), with 20 % for the heap's slack.
    func outputsBound(batchBytes: Int) -> Int {
        if workload.fileBatches && preprocessor == nil { return Self.fileBatchOutputs * batchBytes + (8 << 20) }
        return Int(Double((buffer + workers + 2) * batchBytes) * 1.2)
    }

    /// The mean batch's stages in milliseconds; `external` and `transport` (parts of
    /// `preprocess`: an external stage's own code, and moving data to it) only when there were any.
    static func milliseconds(_ mean: StageTimes) -> [String: Double] {
        var stages = ["read": mean.read * 1000, "decode": mean.decode * 1000, "preprocess": mean.preprocess * 1000]
        if mean.external + mean.transport > 0 {
            stages["external"] = mean.external * 1000
            stages["transport"] = mean.transport * 1000
        }
        return stages
    }

    /// The `waits` field: each worker's busy, waiting-for-input and blocked-on-output seconds,
    /// the consumer's wait for batches, and the mean queue depth it found.
    static func waitsRecord(_ waits: StageWaits) -> [String: Any] {
        func s(_ seconds: Double) -> Double { (seconds * 1e4).rounded() / 1e4 }
        return [
            "workers": waits.workers.map {
                [
                    "busy_s": s($0.busy), "wait_input_s": s($0.waitingForInput),
                    "blocked_output_s": s($0.blockedOnOutput),
                ]
            },
            "consumer_wait_s": s(waits.consumer.waitingForInput), "consumer_busy_s": s(waits.consumer.busy),
            "mean_queue_depth": (waits.meanQueueDepth * 100).rounded() / 100, "queue_capacity": waits.queueCapacity,
        ]
    }

    /// A memory figure for the record, in MiB to one decimal: `bench`'s memory fields keep the unit
    /// of `peers.py`'s `peak_rss_MB` (MiB), so the two stay comparable; rates are MB/s (10^6).
    static func peersMemoryMB(_ bytes: Int) -> Double { (ByteUnits.mebibytes(bytes) * 10).rounded() / 10 }

    /// Runs the pipeline and calls `body(samples, first float, stage times, bytes held)` per batch.
    private func forEachBatch(_ sequence: AddressSequence, _ body: (Int, Double, StageTimes, Int) -> Void) throws {
        if let preprocessor {
            let batches = try workload.source.prefetchedBatches(
                options, epochs: epochs - start.epoch, startingAt: start, workers: workers, buffer: buffer,
                preprocessor: preprocessor, consumerHelps: mainThreadPrepares)
            while let batch = try batches.next() {
                let first =
                    batch.slices.first.map { Double($0.images.convertedToFloat32().doubleValue(atElement: 0)) } ?? 0
                body(batch.raw.count, first, batch.times, batch.byteCount)
            }
            (poolCounts.reused, poolCounts.fresh) = batches.poolCounts
            poolCounts.waits = batches.stageWaits
            return
        }
        let source = workload.source
        let options = self.options
        let threads = threadsPerBatch
        let batches = PrefetchIterator<BenchBatch>(
            sequence: sequence, workers: workers, buffer: buffer,
            maxOutputs: workload.fileBatches ? Self.fileBatchOutputs : nil, consumerHelps: mainThreadPrepares
        ) { address, slot in
            slot = try Self.prepare(source, address, options, threads: threads, reusing: &slot)
        }
        while let batch = try batches.next() {
            let first = batch.floats.elementCount > 0 ? batch.floats.doubleValue(atElement: 0) : 0
            body(batch.raw.count, first, batch.times, batch.byteCount)
        }
        (poolCounts.reused, poolCounts.fresh) = batches.poolCounts
        poolCounts.waits = batches.stageWaits
    }

    /// Prepares the batch at `address` in the pooled buffers of `slot`: the images of an
    /// in-memory column, or `uint8` rows of a contiguous file column in its memory mapping, are
    /// gathered straight into float32 (one pass); any other source's batch is read and its
    /// images converted in place. (A chunked file column is read whole, not in the
    /// one-pass gather's 16 KiB groups: each group would be a read of its own, planned, sorted
    /// and looked up in the chunk cache again — cifarlike_gz ran 30% slower that way.)
    static func prepare(
        _ source: any DataSource, _ address: BatchAddress, _ options: BatchOptions, threads: Int,
        reusing slot: inout BenchBatch?
    ) throws -> BenchBatch {
        var raw: Batch?
        var floats: Tensor?
        if slot != nil {
            raw = slot!.raw
            floats = slot!.floats
            slot = nil
        }
        let clock = ContinuousClock()
        let start = clock.now
        if let columns = source as? ArrayDataSource, !columns.includeIndices,
            (columns.columns[0] is Tensor && columns.columns[0].dtype != .float32)
                || columns.columns[0].convertsRowsInOnePass
        {
            try gatherConverting(columns, address, options, raw: &raw, floats: &floats)
            // One pass reads and converts: all of it counts as the read.
            return BenchBatch(raw: raw!, floats: floats!, times: StageTimes(read: (clock.now - start).seconds))
        }
        if let reusing = source as? any BufferReusingDataSource {
            // Float images were handed on as they are: let go of the second reference, so that
            // the source can write the next batch into the same buffer.
            if raw?.columns.first?.dtype == .float32 { floats = nil }
            try reusing.batch(at: address, options, reusing: &raw)
        } else {
            raw = nil // free the old batch before reading the next: whole-file batches are large
            raw = try source.batch(at: address, options)
        }
        let read = clock.now
        let images = raw!.columns[0]
        if images.dtype == .float32 {
            floats = images
        } else {
            if floats == nil || floats!.shape != images.shape || floats!.dtype != .float32 {
                floats = Tensor(zeros: .float32, shape: images.shape)
            }
            images.convertToFloat32(into: &floats!, threads: threads)
        }
        let converted = clock.now
        return BenchBatch(
            raw: raw!, floats: floats!,
            times: StageTimes(read: (read - start).seconds, preprocess: (converted - read).seconds),
            floatsAreRawImages: images.dtype == .float32)
    }

    /// The images (the first column) gathered as float32 into `floats`, the other columns into
    /// `raw`'s tensors, both reused when they have the batch's shape.
    private static func gatherConverting(
        _ source: ArrayDataSource, _ address: BatchAddress, _ options: BatchOptions, raw: inout Batch?,
        floats: inout Tensor?
    ) throws {
        let indices = try source.plan(options).indices(epoch: address.epoch, batch: address.batch)
        let images = source.columns[0]
        let shape = [indices.count] + images.rowShape
        if floats?.dtype != .float32 || floats?.shape != shape { floats = Tensor(zeros: .float32, shape: shape) }
        try images.gatherRowsAsFloat32(indices, into: &floats!)
        var others = raw.take()?.columns ?? []
        let rest = source.columns.dropFirst()
        if others.count != rest.count { others = [] }
        for (position, column) in rest.enumerated() {
            let fits =
                position < others.count && others[position].dtype == column.dtype
                && others[position].shape == [indices.count] + column.rowShape
            if fits {
                try column.gatherRows(indices, into: &others[position])
            } else {
                let gathered = try column.gatherRows(indices)
                if position < others.count { others[position] = gathered } else { others.append(gathered) }
            }
        }
        raw = Batch(address: address, indices: indices, columns: others)
    }
}
