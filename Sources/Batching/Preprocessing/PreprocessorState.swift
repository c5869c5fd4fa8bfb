/// The slice bookkeeping DeepTrain's data generator and preprocessor share: whether the loaded
/// batch is used up, how many slices it yields and which slice comes next.
///
/// A batch is *loaded* by the generator, then *processed* one slice at a time; after the last
/// slice the batch is *exhausted* and the generator loads the next one.
///
/// ```swift
/// var state = PreprocessorState()
/// state.beginBatch(slices: 2)      // loaded, slice 0 next
/// state.advance()                  // slice 1 next
/// state.advance()                  // exhausted
/// ```
public struct PreprocessorState: Sendable, Hashable {
    /// Whether every slice of the current batch has been handed out (or no batch was loaded yet).
    public var batchExhausted: Bool = true
    /// Whether a batch is loaded and has slices left.
    public var batchLoaded: Bool = false
    /// The number of slices the current batch yields; 0 before the first batch.
    public var slicesPerBatch: Int = 0
    /// The slice the next call to `process` returns, counted from 0.
    public var sliceIndex: Int = 0

    public init() {}

    /// Marks a fresh batch of `slices` slices as loaded, with slice 0 next.
    public mutating func beginBatch(slices: Int) {
        batchExhausted = false
        batchLoaded = true
        slicesPerBatch = slices
        sliceIndex = 0
    }

    /// Moves to the next slice (DeepTrain's `update_state`): after the last one the batch is
    /// exhausted and no longer loaded.
    public mutating func advance() {
        sliceIndex += 1
        if sliceIndex >= slicesPerBatch {
            batchExhausted = true
            batchLoaded = false
        }
    }

    /// Back to the state before any batch was loaded (DeepTrain's `reset_state`).
    public mutating func reset() { self = PreprocessorState() }
}
