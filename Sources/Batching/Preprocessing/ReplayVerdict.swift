import Foundation

/// Whether a slice replays: the slice computed twice, independently, and compared byte for byte.
///
/// The batch at an address must be the same however it is reached; an augmentation that reads
/// the clock, `os.urandom` or an unseeded generator is not. ``Preprocessor/replayVerdict(_:of:)``
/// computes each stage twice — an ``ExternalStage`` on two different worker processes — and
/// stops at the first stage whose two results differ.
///
/// ```swift
/// let verdict = try chain.replayVerdict(0, of: try BatchSlice(batch: batch, seed: 7))
/// print(verdict)   // "replayable: epoch 0, batch 3 gave the same bytes twice"
/// ```
public struct ReplayVerdict: Sendable, Hashable, CustomStringConvertible {
    /// The slice checked.
    public var address: SliceAddress
    /// Samples in the slice.
    public var samples: Int
    /// Samples whose image or label bytes differ between the two computations (0: replayable).
    public var differingSamples: Int
    /// The first row that differs, when one does.
    public var firstDifferingRow: Int?
    /// The stage whose two results differ (its `--preprocess` form or type), when one does.
    public var stage: String?

    public init(
        address: SliceAddress, samples: Int, differingSamples: Int = 0, firstDifferingRow: Int? = nil,
        stage: String? = nil
    ) {
        self.address = address
        self.samples = samples
        self.differingSamples = differingSamples
        self.firstDifferingRow = firstDifferingRow
        self.stage = stage
    }

    /// Whether both computations gave the same bytes.
    public var isReplayable: Bool { differingSamples == 0 }

    public var description: String {
        let at =
            "epoch \(address.epoch), batch \(address.batch)" + (address.slice > 0 ? ", slice \(address.slice)" : "")
        guard !isReplayable else { return "replayable: \(at) gave the same bytes twice" }
        let row = firstDifferingRow.map { " (first at row \($0))" } ?? ""
        return
            "not replayable: \(differingSamples) of \(samples) samples differ at \(at)\(row), in \(stage ?? "the preprocessor")"
    }

    /// The rows whose bytes differ between two results of the same computation: every row when
    /// their shapes or dtypes differ, or when only one has labels.
    public static func differingRows(_ a: BatchSlice, _ b: BatchSlice) -> [Int] {
        var rows = Set(differingRows(a.images, b.images))
        switch (a.labels, b.labels) {
        case (nil, nil): break
        case (let x?, let y?): rows.formUnion(differingRows(x, y))
        default: return Array(0..<max(a.images.rowCount, b.images.rowCount))
        }
        return rows.sorted()
    }

    /// The rows whose bytes differ between two tensors (every row when their shapes or dtypes
    /// differ).
    public static func differingRows(_ a: Tensor, _ b: Tensor) -> [Int] {
        guard a.dtype == b.dtype, a.shape == b.shape else { return Array(0..<max(a.rowCount, b.rowCount)) }
        let rowBytes = a.bytesPerRow
        guard rowBytes > 0 else { return [] }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                (0..<a.rowCount).filter { row in
                    let start = row * rowBytes
                    return memcmp(x.baseAddress! + start, y.baseAddress! + start, rowBytes) != 0
                }
            }
        }
    }
}

extension Preprocessor {
    /// Slice `index` of `input` computed twice, stage by stage, and compared: a chain's stages
    /// each twice on the first result of the stage before (an ``ExternalStage`` on two different
    /// workers), stopping at the first stage whose results differ. Built-in stages are pure
    /// functions of the slice, its address and the seed, so they pass by construction; they are
    /// computed twice all the same, so that the verdict is a comparison, not a claim.
    ///
    /// - Throws: what the stages throw (a Python exception, a timeout).
    public func replayVerdict(_ index: Int, of input: BatchSlice) throws -> ReplayVerdict {
        let stages = (self as? PreprocessorChain)?.stages ?? [self]
        var current = input
        var cut = false
        for (position, stage) in stages.enumerated() {
            if self is PreprocessorChain { current.stream = UInt64(position) }
            let first: BatchSlice
            let second: BatchSlice
            if let external = stage as? any ExternalStage {
                (first, second) = try external.sliceTwice(of: current)
            } else {
                var cutAgain = cut
                first = try PreprocessorChain.run(stage, on: current, slice: index, cut: &cut)
                second = try PreprocessorChain.run(stage, on: current, slice: index, cut: &cutAgain)
            }
            let rows = ReplayVerdict.differingRows(first, second)
            guard rows.isEmpty else {
                let name = (stage as? any ExternalStage)?.specification ?? String(describing: type(of: stage))
                return ReplayVerdict(
                    address: SliceAddress(input.address.batchAddress, slice: index),
                    samples: max(first.images.rowCount, second.images.rowCount), differingSamples: rows.count,
                    firstDifferingRow: rows.first, stage: name)
            }
            current = first
        }
        return ReplayVerdict(address: SliceAddress(input.address.batchAddress, slice: index), samples: current.count)
    }
}
