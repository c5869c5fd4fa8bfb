/// Cuts every batch of sequences into overlapping windows along the time axis (axis 1), one
/// window per slice: DeepTrain's `TimeseriesPreprocessor`.
///
/// A batch of `T` steps yields `1 + (T − windowSize − startIncrement) / slideSize` windows;
/// window `i` is `batch[:, i·slide + inc ..< i·slide + inc + window]`, and a trailing partial
/// window is dropped. The start increment may change from epoch to epoch (cycling through
/// `startIncrements`), so that different epochs see differently aligned windows. Labels pass
/// through unchanged.
///
/// ```swift
/// let windows = try TimeseriesPreprocessor(windowSize: 50, slideSize: 25)
/// // a batch of 200 steps gives windows 0..<50, 25..<75, …, 150..<200 (7 slices)
/// ```
public struct TimeseriesPreprocessor: Preprocessor {
    public var state = PreprocessorState()
    /// Steps in one window.
    public let windowSize: Int
    /// Steps between the starts of consecutive windows.
    public let slideSize: Int
    /// The start increments, used in turn: epoch `e` uses `startIncrements[e % count]`.
    public let startIncrements: [Int]
    /// The start increment the current epoch uses (updated by ``onEpochEnd(epoch:)``).
    public private(set) var startIncrement: Int

    /// - Throws: ``PreprocessingError/invalidParameter(stage:detail:)`` for a window or slide
    ///   below 1, a negative start or an empty list of starts.
    public init(windowSize: Int, slideSize: Int, startIncrement: Int = 0) throws {
        try self.init(windowSize: windowSize, slideSize: slideSize, startIncrements: [startIncrement])
    }

    /// A preprocessor whose start increment cycles through `startIncrements`, one per epoch.
    public init(windowSize: Int, slideSize: Int, startIncrements: [Int]) throws {
        let stage = "timeseries"
        guard windowSize >= 1 else {
            throw PreprocessingError.invalidParameter(
                stage: stage, detail: "the window must be at least 1 step, not \(windowSize)")
        }
        guard slideSize >= 1 else {
            throw PreprocessingError.invalidParameter(
                stage: stage, detail: "the slide must be at least 1 step, not \(slideSize)")
        }
        guard !startIncrements.isEmpty else {
            throw PreprocessingError.invalidParameter(stage: stage, detail: "give at least one start increment")
        }
        guard startIncrements.allSatisfy({ $0 >= 0 }) else {
            throw PreprocessingError.invalidParameter(
                stage: stage, detail: "start increments must be ≥ 0, not \(startIncrements)")
        }
        self.windowSize = windowSize
        self.slideSize = slideSize
        self.startIncrements = startIncrements
        startIncrement = startIncrements[0]
    }

    /// The start increment of epoch `epoch`.
    public func startIncrement(epoch: Int) -> Int { startIncrements[epoch % startIncrements.count] }

    /// The windows a sequence of `steps` steps yields in `epoch`, by DeepTrain's formula.
    public func windows(steps: Int, epoch: Int = 0) -> [Range<Int>] {
        let increment = startIncrement(epoch: epoch)
        let spare = steps - windowSize - increment
        guard spare >= 0 else { return [] }
        return (0...(spare / slideSize)).map { i in
            let start = i * slideSize + increment
            return start..<(start + windowSize)
        }
    }

    public func sliceCount(for input: BatchSlice) throws -> Int {
        guard input.images.shape.count >= 2 else {
            throw PreprocessingError.unsupportedShape(
                stage: "timeseries", shape: input.images.shape,
                detail: "expected (samples, timesteps, …)")
        }
        return windows(steps: input.images.shape[1], epoch: input.address.epoch).count
    }

    public func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        let all = windows(steps: input.images.shape.count >= 2 ? input.images.shape[1] : 0, epoch: input.address.epoch)
        guard all.indices.contains(index) else {
            throw PreprocessingError.invalidParameter(
                stage: "timeseries", detail: "there is no window \(index); this batch has \(all.count)")
        }
        var out = input
        let window = all[index]
        out.images = input.images.slicingAxis1(window)
        let base = input.origin.window?.lowerBound ?? 0
        out.origin.window = (base + window.lowerBound)..<(base + window.upperBound)
        out.address.slice = index
        return out
    }

    public mutating func onEpochEnd(epoch: Int) { startIncrement = startIncrement(epoch: epoch + 1) }

    public func reasonForNoSlices(_ input: BatchSlice) -> String {
        let steps = input.images.shape.count >= 2 ? input.images.shape[1] : 0
        return
            "its sequences have \(steps) steps, fewer than the window of \(windowSize) plus the start increment of \(startIncrement(epoch: input.address.epoch)); use a smaller window or start"
    }
}
