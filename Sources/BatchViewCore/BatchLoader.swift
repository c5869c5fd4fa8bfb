import Batching

/// Produces ``LoadedBatch`` values from a data source and a preprocessing, timing each stage,
/// and keeps the last few so that stepping back and forth costs nothing.
struct BatchLoader: Sendable {
    let dataset: InspectedDataset
    let source: any DataSource
    let options: BatchOptions
    let environment: InspectorEnvironment
    /// Raw reads kept: the shown batch's, the one before it, and those of the addresses read
    /// ahead for it (the batches a key is likely to show next), see ``readAhead(_:keeping:)``.
    private var raw: [BatchAddress: BatchPrefetcher.Read] = [:]
    private var loaded: [LoadedBatch] = []
    private let prefetcher = BatchPrefetcher()
    private let pagesAhead = PagesAhead()
    private let conversion = ScratchConversion()
    /// Batches (and slices) kept: 8, or only the one on screen when each batch is a whole file,
    /// which can be tens of megabytes (its raw read stays, with those of the batches `n`, `p`
    /// and `N` go to, read ahead by the prefetcher).
    let capacity: Int
    /// Whether a dropped raw read is handed to the prefetcher for the next read to write into:
    /// for whole-file batches, whose tens of megabytes would otherwise be fresh memory the
    /// kernel zeroes on every read (a small batch's buffers cost nothing to allocate).
    var recyclesReads: Bool { dataset.fileBatches != nil }
    /// Where the last load's time went, until taken (``takeCost()``).
    private var lastCost: LoadCost?

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
        let shown = loaded.map(\.address)
        return prefetcher.heldBytes + pagesAhead.heldBytes + loaded.reduce(0) { $0 + $1.heldBytes }
            + raw.reduce(0) { total, entry in
                let isShown = shown.contains { sameContent($0, entry.key) }
                return total
                    + (entry.value.batch?.columns ?? []).dropFirst(isShown ? 1 : 0).reduce(0) { $0 + $1.byteCount }
            }
    }

    /// The rows on screen of a batch that may be read page first (``PageFirstRead``), and the
    /// samples it holds.
    struct PageRequest: Sendable {
        var indices: [Int]
        var rows: Range<Int>
    }

    /// The batch at `address`, slice `slice`; the flag says whether it was produced now (rather
    /// than kept from before). With `pageFirst`, a batch neither kept nor read ahead yet comes
    /// back holding only the page's images (not fresh: the whole read, started by
    /// ``readAhead(_:keeping:wholeFirst:)``, is what produces it).
    mutating func load(_ address: BatchAddress, slice: Int, pageFirst: PageRequest? = nil) throws -> (
        LoadedBatch, fresh: Bool
    ) {
        if let index = loaded.firstIndex(where: { $0.address == address && $0.slice == slice }) {
            let batch = loaded.remove(at: index)
            loaded.append(batch)
            lastCost = LoadCost(raw: .kept, rawNanoseconds: 0)
            return (batch, false)
        }
        let start = environment.now()
        if let pageFirst, !hasRead(address) {
            let ahead = pagesAhead.take(address, rows: pageFirst.rows)
            let page =
                try ahead
                ?? PageFirstRead.batch(
                    at: address, indices: pageFirst.indices, rows: pageFirst.rows, dataset: dataset, finishedAt: start,
                    spare: pagesAhead.spare(shaped:))
            lastCost = LoadCost(
                raw: .page, rawNanoseconds: environment.now() &- start,
                pageRows: LoadCost.PageRows(read: page.imageRows.count, of: page.count, readAhead: ahead != nil))
            return (page, false)
        }
        let (read, rawSource) = try rawRead(address)
        let batch = try read.result.get()
        let afterRead = environment.now()
        var cost = LoadCost(raw: rawSource, rawNanoseconds: afterRead &- start)
        let images = batch.columns[0]
        var preprocessed: PreprocessedSlice?
        var sliceCount = 1
        let external = StageRecorder() // a python stage's own time and its transport
        var failure: PreprocessingFailure? // a python call failed: the raw batch is shown under it
        if let preprocessing = dataset.preprocessing {
            do {
                try external.recording {
                    sliceCount = max(try preprocessing.sliceCount(batch), 1)
                    preprocessed = try preprocessing.slice(batch, min(slice, sliceCount - 1))
                }
            } catch {
                guard let failed = PreprocessingFailure(error) else { throw error }
                (failure, preprocessed) = (failed, nil)
            }
        }
        let afterPreprocess = environment.now()
        // The conversion a model is fed, timed as the "decode" stage into a reused scratch
        // (nothing on screen reads it), unless the prefetcher timed it already for these images;
        // a whole-file batch's time is its first part's, scaled (`ScratchConversion.timed`).
        let decode: (nanoseconds: UInt64, bytes: Int)
        if let decodedAhead = read.decode, preprocessed == nil {
            decode = decodedAhead
        } else {
            decode = conversion.timed(preprocessed?.images ?? images, clock: environment.now)
            cost.decodeNanoseconds = environment.now() &- afterPreprocess
        }
        let done = environment.now()
        cost.preprocessNanoseconds = afterPreprocess &- afterRead
        let stages = StageTimes(
            read: Double(read.nanoseconds) / 1e9, decode: Double(decode.nanoseconds) / 1e9,
            preprocess: Double(afterPreprocess &- afterRead) / 1e9, external: external.externalSeconds,
            transport: external.transportSeconds, bytesRead: images.byteCount,
            bytesDecoded: decode.bytes)
        var timing = BatchTiming(samples: batch.count, stages: stages, finishedAt: done)
        timing.chunkLookups = read.chunkLookups
        var result = LoadedBatch(
            address: address, slice: min(slice, sliceCount - 1), sliceCount: sliceCount,
            indices: batch.indices, images: images, labelTensor: batch.columns.count > 1 ? batch.columns[1] : nil,
            preprocessed: preprocessed, timing: timing, rawNonFiniteRows: read.nonFiniteRows)
        result.previews = read.previews
        result.preprocessingFailure = failure
        cost.buildNanoseconds = environment.now() &- done
        if preprocessed == nil { // shown again from the raw read, neither is done again
            raw[address]?.decode = decode
            raw[address]?.nonFiniteRows = result.nonFiniteRows
        }
        lastCost = cost
        guard failure == nil else { return (result, true) } // not kept: showing it again calls again
        loaded.append(result)
        if loaded.count > capacity { loaded.removeFirst() }
        return (result, true)
    }

    /// Where the last load's time went, once: `nil` when nothing was loaded since the last call.
    mutating func takeCost() -> LoadCost? {
        defer { lastCost = nil }
        return lastCost
    }

    /// Keeps `batch` (from the prefetch pipeline) as if it had been loaded here.
    mutating func keep(_ batch: LoadedBatch) {
        loaded.removeAll { $0.address == batch.address && $0.slice == batch.slice }
        loaded.append(batch)
        if loaded.count > capacity { loaded.removeFirst() }
    }

    /// Keeps the raw reads of `likely` (the batches a key is likely to show next, most likely
    /// first) and of `keeping` (the shown batch's, and those worth keeping if read but not
    /// worth reading ahead), lets the others go (for the next reads to write into), and starts
    /// reading in the background those of `likely` not kept (when the environment allows it),
    /// so that a later ``load(_:slice:pageFirst:)`` finds them ready. `wholeFirst`, the batch on
    /// screen when only its page is read, is read before them all.
    mutating func readAhead(_ likely: [BatchAddress], keeping: [BatchAddress], wholeFirst: BatchAddress? = nil) {
        let wanted = likely + keeping
        for address in raw.keys where !wanted.contains(where: { sameContent(address, $0) }) {
            if let dropped = raw.removeValue(forKey: address)?.batch, recyclesReads { prefetcher.recycle(dropped) }
        }
        guard environment.prefetches else { return }
        let unread = likely.filter { address in
            address != wholeFirst && kept(address) == nil && !loaded.contains(where: { $0.address == address })
        }
        let whole = wholeFirst.map { kept($0) == nil ? [$0] : [] } ?? []
        prefetcher.readAhead(whole + unread, source: source, options: options, clock: environment.now)
    }

    /// Reads `pages` ahead (``PagesAhead``: on a thread of their own, before any whole read
    /// could end, with the `previews` of the page on screen drawn) but those of batches whose
    /// whole read is done, and lets the others go but those of `keeping` (the shown batch's,
    /// the one two back).
    func readPagesAhead(
        _ pages: [(BatchAddress, PageRequest)], keeping: [BatchAddress], previews: PreviewCache.Request?
    ) {
        pagesAhead.prepare(pages.filter { !hasRead($0.0) }, keeping: keeping, dataset: dataset, previews: previews)
    }

    /// Keeps `page`, a batch shown page first and left, among the pages ahead (until they are
    /// asked for without it).
    func keepPage(_ page: LoadedBatch) { pagesAhead.keep(page) }

    /// Keeps the images of `page`, a page the whole batch replaced, for later pages to be read into.
    func recyclePage(_ page: LoadedBatch) { pagesAhead.recycle([page]) }

    /// Whether the whole read of `address` is done, waiting to be taken (kept, or read ahead).
    func hasRead(_ address: BatchAddress) -> Bool { kept(address) != nil || prefetcher.hasFinished(address) }

    /// Whether the prefetcher reads `address`, has it queued, or holds its finished read.
    func isReading(_ address: BatchAddress) -> Bool { prefetcher.holdsEntry(address) }

    /// Has the reads ahead draw the grid's previews `request` asks for (none when `nil`), as
    /// the page on screen shows them (``PreviewCache``).
    func requestPreviews(_ request: PreviewCache.Request?) {
        prefetcher.requestPreviews(request.map { BatchPrefetcher.PreviewOrder(request: $0, layout: dataset.layout) })
    }

    /// Waits until the reads ahead (and pages ahead) started so far have finished (tests).
    func waitForReadsAhead() {
        pagesAhead.waitForPages()
        prefetcher.waitForReads()
    }

    /// Whether the batches at `a` and `b` hold the same rows: the same address, or with file
    /// batches the same file (batch 0 of every epoch without shuffle).
    private func sameContent(_ a: BatchAddress, _ b: BatchAddress) -> Bool {
        guard a != b else { return true }
        guard let files = dataset.fileBatches, let fileA = try? files.fileIndex(a, options) else { return false }
        return (try? files.fileIndex(b, options)) == fileA
    }

    /// The raw read kept for `address`, or one of the same file under another address (given
    /// `address`, as a preprocessing's draws depend on it).
    private func kept(_ address: BatchAddress) -> BatchPrefetcher.Read? {
        if let kept = raw[address] { return kept }
        guard dataset.fileBatches != nil, var same = raw.first(where: { sameContent($0.key, address) })?.value,
            case .success(var batch) = same.result
        else { return nil }
        batch.address = address
        same.result = .success(batch)
        return same
    }

    /// The raw read of `address`: kept from before (taking no time), read ahead (its images'
    /// conversion and NaN scan done there), or read now; the read is kept.
    private mutating func rawRead(_ address: BatchAddress) throws -> (BatchPrefetcher.Read, source: LoadCost.RawSource)
    {
        if let kept = kept(address) {
            var again = kept // its decode timing, NaN scan and previews with it; no read time
            again.nanoseconds = 0
            again.chunkLookups = nil
            return (again, .kept)
        }
        let read: BatchPrefetcher.Read
        let rawSource: LoadCost.RawSource
        if let ahead = prefetcher.take(address) {
            (read, rawSource) = (ahead, .readAhead)
        } else {
            let start = environment.now()
            let recorder = StageRecorder()
            let batch = try recorder.recording { try prefetcher.read(address, source: source, options: options) }
            read = BatchPrefetcher.Read(
                result: .success(batch), nanoseconds: environment.now() &- start, chunkLookups: recorder.chunkLookups)
            rawSource = .readNow
        }
        if case .success = read.result { raw[address] = read }
        return (read, rawSource)
    }
}
