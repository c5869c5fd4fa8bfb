/// Several preprocessors applied one after another: `crop:24,flip:h,normalize` is a chain of
/// three.
///
/// At most one stage may cut a batch into several slices (a timeseries window, say); the chain
/// yields that stage's slices, each passed through the later stages. Each stage draws from its own
/// random stream, so adding a stage never changes the draws of another.
///
/// ```swift
/// let chain = try PreprocessorChain([RandomCrop(size: 24), RandomFlip(horizontal: true), Normalize()])
/// ```
public struct PreprocessorChain: Preprocessor {
    public var state = PreprocessorState()
    /// The stages, first applied first.
    public private(set) var stages: [any Preprocessor]

    /// - Throws: ``PreprocessingError/invalidParameter(stage:detail:)`` for an empty chain.
    public init(_ stages: [any Preprocessor]) throws {
        guard !stages.isEmpty else {
            throw PreprocessingError.invalidParameter(stage: "chain", detail: "a chain needs at least one stage")
        }
        self.stages = stages
    }

    public func sliceCount(for input: BatchSlice) throws -> Int { try prepared(input).sliceCount }

    public func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        try slice(index, of: try prepared(input))
    }

    /// Runs the stages up to the one that cuts the batch (all of them when none does), each once;
    /// when one cuts, slice 0 is made too, which checks that no later stage cuts as well.
    ///
    /// - Throws: ``PreprocessingError/invalidParameter(stage:detail:)`` when two stages cut.
    public func prepared(_ input: BatchSlice) throws -> PreparedBatch {
        var current = input
        for (position, stage) in stages.enumerated() {
            current.stream = UInt64(position)
            let prepared = try stage.prepared(current)
            guard prepared.sliceCount == 1 else {
                let count = max(prepared.sliceCount, 0)
                let first = count > 0 ? try slice(0, cutBy: position, prepared, of: input) : nil
                return PreparedBatch(
                    input: input, sliceCount: count, progress: .cut(stage: position, prepared: prepared, first: first))
            }
            current = try stage.slice(0, of: prepared)
        }
        current.stream = input.stream
        return PreparedBatch(input: input, sliceCount: 1, progress: .finished(current))
    }

    /// Slice `index`: the cutting stage's slice passed through the later stages, or the result
    /// the preparation already holds.
    public func slice(_ index: Int, of prepared: PreparedBatch) throws -> BatchSlice {
        switch prepared.progress {
        case .finished(var output)?:
            output.address.slice = index
            return output
        case .cut(_, _, let first?)? where index == 0:
            return first
        case .cut(let position, let cutting, _)?:
            return try slice(index, cutBy: position, cutting, of: prepared.input)
        case nil:
            return try slice(index, of: prepared.input)
        }
    }

    /// Slice `index` of the stage at `position`, which cuts, passed through the later stages.
    private func slice(_ index: Int, cutBy position: Int, _ cutting: PreparedBatch, of input: BatchSlice) throws
        -> BatchSlice
    {
        var current = try stages[position].slice(index, of: cutting)
        var cut = true
        for later in (position + 1)..<stages.count {
            current.stream = UInt64(later)
            current = try Self.run(stages[later], on: current, slice: index, cut: &cut)
        }
        current.address.slice = index
        current.stream = input.stream
        return current
    }

    /// `stage` applied to `current` within slice `index` of the chain: its one slice, or slice
    /// `index` if it is the stage that cuts (`cut` says whether an earlier one did).
    ///
    /// - Throws: ``PreprocessingError/invalidParameter(stage:detail:)`` when a second stage cuts.
    static func run(_ stage: any Preprocessor, on current: BatchSlice, slice index: Int, cut: inout Bool) throws
        -> BatchSlice
    {
        let prepared = try stage.prepared(current)
        if prepared.sliceCount == 1 { return try stage.slice(0, of: prepared) }
        guard !cut else {
            throw PreprocessingError.invalidParameter(
                stage: "chain", detail: "only one stage of a chain may cut a batch into several slices")
        }
        guard prepared.sliceCount >= 1 else {
            throw PreprocessingError.noSlices(
                address: current.address.batchAddress, detail: stage.reasonForNoSlices(current))
        }
        cut = true
        return try stage.slice(index, of: prepared)
    }

    public mutating func onEpochEnd(epoch: Int) {
        for i in stages.indices { stages[i].onEpochEnd(epoch: epoch) }
    }

    public func reasonForNoSlices(_ input: BatchSlice) -> String {
        var current = input
        for (position, stage) in stages.enumerated() {
            current.stream = UInt64(position)
            guard let count = try? stage.sliceCount(for: current), count >= 1 else {
                return stage.reasonForNoSlices(current)
            }
            guard let next = try? stage.slice(0, of: current) else { break }
            current = next
        }
        return "the chain yields no slice for images of shape \(input.images.shape)"
    }
}
