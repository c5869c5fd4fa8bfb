import Batching

/// Produces ``LoadedBatch`` values from a data source and a preprocessing, timing each stage,
/// and keeps the last few so that stepping back and forth costs nothing.
struct BatchLoader: Sendable {
    let dataset: InspectedDataset
    let source: any DataSource
    let options: BatchOptions
    let environment: InspectorEnvironment
    private var raw: [BatchAddress: Batch] = [:]
    private var rawOrder: [BatchAddress] = []
    private var loaded: [LoadedBatch] = []
    private let prefetcher = BatchPrefetcher()
    private let conversion = ScratchConversion()
    /// Batches (and slices) kept: 8, or only the one on screen when each batch is a whole file,
    /// which can be tens of megabytes. The raw reads of the
    /// last two batches stay (`raw`), so stepping back to the file before costs a conversion, not
    /// a read; the prefetcher holds the one file read ahead.
    let capacity: Int
    /// Whether a dropped raw read is handed to the prefetcher for the next read to write into:
    /// for whole-file batches, whose tens of megabytes would otherwise be fresh memory the
    /// kernel zeroes on every read (a small batch's buffers cost nothing to allocate).
    var recyclesReads: Bool { dataset.fileBatches != nil }
    /// The raw images' conversion cost per float32 byte, as last measured.
    private var decodeNanosecondsPerByte: Double?

    init(dataset: InspectedDataset, source: any DataSource, options: BatchOptions, environment: InspectorEnvironment) {
        self.dataset = dataset
        self.source = source
        self.options = options
        self.environment = environment
        capacity = dataset.fileBatches == nil ? 8 : 1
    }

    /// Bytes held in the kept batches. A raw read whose batch is also kept loaded shares its
    /// image tensor with it, so only its other columns (labels) count again.
    var heldBytes: Int {
        let shown = Set(loaded.map(\.address))
        return prefetcher.heldBytes + loaded.reduce(0) { $0 + $1.heldBytes }
            + raw.reduce(0) { total, entry in
                total + entry.value.columns.dropFirst(shown.contains(entry.key) ? 1 : 0).reduce(0) { $0 + $1.byteCount }
            }
    }

    /// The batch at `address`, slice `slice`; the flag says whether it was produced now (rather
    /// than kept from before).
    mutating func load(_ address: BatchAddress, slice: Int) throws -> (LoadedBatch, fresh: Bool) {
        if let index = loaded.firstIndex(where: { $0.address == address && $0.slice == slice }) {
            let batch = loaded.remove(at: index)
            loaded.append(batch)
            return (batch, false)
        }
        let (batch, readNanoseconds, decodedAhead, lookups) = try rawBatch(address)
        let afterRead = environment.now()
        let images = batch.columns[0]
        var preprocessed: PreprocessedSlice?
        var sliceCount = 1
        let external = StageRecorder() // a python stage's own time and its transport
        if let preprocessing = dataset.preprocessing {
            try external.recording {
                sliceCount = max(try preprocessing.sliceCount(batch), 1)
                preprocessed = try preprocessing.slice(batch, min(slice, sliceCount - 1))
            }
        }
        let afterPreprocess = environment.now()
        // The conversion a model is fed, timed as the "decode" stage into a reused scratch
        // (nothing on screen reads it), unless the prefetcher timed it already for these images.
        // Every core converts: a whole-file batch is tens of megabytes.
        let decodeNanoseconds: UInt64
        let decodedBytes: Int
        if let decodedAhead, preprocessed == nil {
            (decodeNanoseconds, decodedBytes) = decodedAhead
        } else if recyclesReads, preprocessed == nil, let rate = decodeNanosecondsPerByte {
            // A whole file read on the key's path (or shown again): the last measured rate, so
            // that the key does not wait for a conversion of tens of megabytes nothing shows.
            decodedBytes = images.elementCount * 4
            decodeNanoseconds = UInt64(rate * Double(decodedBytes))
        } else {
            decodedBytes = conversion.convert(preprocessed?.images ?? images)
            decodeNanoseconds = environment.now() &- afterPreprocess
        }
        if decodedBytes > 0, preprocessed == nil {
            decodeNanosecondsPerByte = Double(decodeNanoseconds) / Double(decodedBytes)
        }
        let done = environment.now()
        let stages = StageTimes(
            read: Double(readNanoseconds) / 1e9, decode: Double(decodeNanoseconds) / 1e9,
            preprocess: Double(afterPreprocess &- afterRead) / 1e9, external: external.externalSeconds,
            transport: external.transportSeconds, bytesRead: images.byteCount,
            bytesDecoded: decodedBytes)
        var timing = BatchTiming(samples: batch.count, stages: stages, finishedAt: done)
        timing.chunkLookups = lookups
        let result = LoadedBatch(
            address: address, slice: min(slice, sliceCount - 1), sliceCount: sliceCount,
            indices: batch.indices, images: images, labelTensor: batch.columns.count > 1 ? batch.columns[1] : nil,
            preprocessed: preprocessed,
            timing: timing)
        loaded.append(result)
        if loaded.count > capacity { loaded.removeFirst() }
        return (result, true)
    }

    /// Keeps `batch` (from the prefetch pipeline) as if it had been loaded here.
    mutating func keep(_ batch: LoadedBatch) {
        loaded.removeAll { $0.address == batch.address && $0.slice == batch.slice }
        loaded.append(batch)
        if loaded.count > capacity { loaded.removeFirst() }
    }

    /// Starts reading `address` in the background (when the environment allows it), so that a
    /// later ``load(_:slice:)`` finds it ready.
    func prefetch(_ address: BatchAddress) {
        guard environment.prefetches, raw[address] == nil, !loaded.contains(where: { $0.address == address }) else {
            return
        }
        prefetcher.start(address, source: source, options: options, clock: environment.now)
    }

    /// The raw batch at `address`, the time its read took (0 when kept from before), and its
    /// images' conversion when the prefetcher timed it, and the read's chunk-cache look-ups.
    private mutating func rawBatch(_ address: BatchAddress) throws -> (
        Batch, UInt64, decode: (nanoseconds: UInt64, bytes: Int)?, ChunkLookups?
    ) {
        if let batch = raw[address] { return (batch, 0, nil, nil) }
        let batch: Batch
        let nanoseconds: UInt64
        var decode: (nanoseconds: UInt64, bytes: Int)?
        var lookups: ChunkLookups?
        if let read = prefetcher.take(address) {
            batch = try read.result.get()
            nanoseconds = read.nanoseconds
            decode = read.decode
            lookups = read.chunkLookups
        } else {
            let start = environment.now()
            let recorder = StageRecorder()
            batch = try recorder.recording { try prefetcher.read(address, source: source, options: options) }
            nanoseconds = environment.now() &- start
            lookups = recorder.chunkLookups
        }
        raw[address] = batch
        rawOrder.append(address)
        if rawOrder.count > 2, let dropped = raw.removeValue(forKey: rawOrder.removeFirst()), recyclesReads {
            prefetcher.recycle(dropped)
        }
        return (batch, nanoseconds, decode, lookups)
    }
}
