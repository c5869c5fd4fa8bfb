/// Turns a loaded batch into one or more slices, and keeps DeepTrain's slice state
/// (`batchExhausted`, `batchLoaded`, `slicesPerBatch`, `sliceIndex`).
///
/// A conforming type writes two pure functions — how many slices a batch yields, and slice `i` of
/// it — and gets DeepTrain's stateful protocol (``process(_:)``, ``updateState()``,
/// ``resetState()``, ``onEpochEnd(epoch:)``) from the extension. Because the slices themselves
/// depend only on the batch, its address and the seed, the slice at an address is the same
/// however it is reached: stepping forwards, seeking back, resuming, or on any worker thread.
///
/// ```swift
/// let windows = try TimeseriesPreprocessor(windowSize: 50, slideSize: 25)
/// var generator = try SliceGenerator(source: source, options: BatchOptions(batchSize: 32), preprocessor: windows)
/// while let slice = try generator.next() { train(slice.images, slice.labels) }
/// ```
public protocol Preprocessor: Sendable {
    /// The slice bookkeeping; the driving generator reads and writes it.
    var state: PreprocessorState { get set }

    /// The number of slices `input` yields (at least 1, or the batch cannot be used).
    func sliceCount(for input: BatchSlice) throws -> Int

    /// Slice `index` of `input`, a pure function of `input` and `index`.
    func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice

    /// `input` with the work its slices share done once, and its slice count (see
    /// ``PreparedBatch``); by default the input as it is and ``sliceCount(for:)``.
    func prepared(_ input: BatchSlice) throws -> PreparedBatch

    /// Slice `index` of a prepared batch; by default ``slice(_:of:)-(_,BatchSlice)`` of its input,
    /// located at slice `index` when the batch yields several.
    func slice(_ index: Int, of prepared: PreparedBatch) throws -> BatchSlice

    /// Called after the last slice of the last batch of `epoch` (DeepTrain's `on_epoch_end`).
    mutating func onEpochEnd(epoch: Int)

    /// Why `input` yields no slice, in words a person can act on.
    func reasonForNoSlices(_ input: BatchSlice) -> String
}

extension Preprocessor {
    /// Whether every slice of the loaded batch has been handed out.
    public var batchExhausted: Bool {
        get { state.batchExhausted }
        set { state.batchExhausted = newValue }
    }

    /// Whether a batch is loaded and has slices left.
    public var batchLoaded: Bool {
        get { state.batchLoaded }
        set { state.batchLoaded = newValue }
    }

    /// The number of slices the loaded batch yields.
    public var slicesPerBatch: Int {
        get { state.slicesPerBatch }
        set { state.slicesPerBatch = newValue }
    }

    /// The slice the next ``process(_:)`` returns.
    public var sliceIndex: Int {
        get { state.sliceIndex }
        set { state.sliceIndex = newValue }
    }

    public func prepared(_ input: BatchSlice) throws -> PreparedBatch {
        PreparedBatch(input: input, sliceCount: try sliceCount(for: input))
    }

    public func slice(_ index: Int, of prepared: PreparedBatch) throws -> BatchSlice {
        var located = prepared.input
        if prepared.sliceCount > 1 { located.address.slice = index }
        return try slice(index, of: located)
    }

    /// The next slice of `input` (DeepTrain's `process(batch, labels)`); prepares `input` on
    /// every call, so a driver that calls it once per slice should prepare the batch once and
    /// call ``process(_:)-(PreparedBatch)``.
    ///
    /// - Throws: ``PreprocessingError/noSlices(address:detail:)`` when the batch yields none.
    public mutating func process(_ input: BatchSlice) throws -> BatchSlice {
        try process(try prepared(input))
    }

    /// The next slice of a prepared batch (DeepTrain's `process(batch, labels)`).
    ///
    /// At slice 0 the number of slices is taken from this batch, so batches of different
    /// lengths each get their own count.
    ///
    /// - Throws: ``PreprocessingError/noSlices(address:detail:)`` when the batch yields none.
    public mutating func process(_ prepared: PreparedBatch) throws -> BatchSlice {
        if !state.batchLoaded || state.sliceIndex == 0 {
            guard prepared.sliceCount >= 1 else {
                throw PreprocessingError.noSlices(
                    address: prepared.input.address.batchAddress, detail: reasonForNoSlices(prepared.input))
            }
            let index = state.batchLoaded ? state.sliceIndex : 0
            state.beginBatch(slices: prepared.sliceCount)
            state.sliceIndex = index
        }
        return try slice(state.sliceIndex, of: prepared)
    }

    /// Moves to the next slice; after the last, the batch is exhausted (DeepTrain's `update_state`).
    public mutating func updateState() { state.advance() }

    /// Forgets the loaded batch (DeepTrain's `reset_state`).
    public mutating func resetState() { state.reset() }

    public mutating func onEpochEnd(epoch: Int) {}

    /// Every slice of `input`, in order, without touching ``state``; the batch is prepared once.
    public func allSlices(of input: BatchSlice) throws -> [BatchSlice] {
        let prepared = try prepared(input)
        guard prepared.sliceCount >= 1 else {
            throw PreprocessingError.noSlices(address: input.address.batchAddress, detail: reasonForNoSlices(input))
        }
        return try (0..<prepared.sliceCount).map { try slice($0, of: prepared) }
    }

    public func reasonForNoSlices(_ input: BatchSlice) -> String {
        "the \(Self.self) yields no slice for images of shape \(input.images.shape)"
    }
}
