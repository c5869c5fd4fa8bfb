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

    public func sliceCount(for input: BatchSlice) throws -> Int {
        var current = input
        var total = 1
        for (position, stage) in stages.enumerated() {
            current.stream = UInt64(position)
            let count = try stage.sliceCount(for: current)
            if count != 1 {
                guard total == 1 else {
                    throw PreprocessingError.invalidParameter(
                        stage: "chain", detail: "only one stage of a chain may cut a batch into several slices")
                }
                total = count
            }
            guard count >= 1 else { return 0 }
            if position + 1 < stages.count { current = try stage.slice(0, of: current) }
        }
        return total
    }

    public func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        var current = input
        for (position, stage) in stages.enumerated() {
            current.stream = UInt64(position)
            let count = try stage.sliceCount(for: current)
            current = try stage.slice(count == 1 ? 0 : index, of: current)
        }
        current.address.slice = index
        current.stream = input.stream
        return current
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
