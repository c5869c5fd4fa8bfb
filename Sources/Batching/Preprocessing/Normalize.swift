/// Converts images to `float32` and standardises them: `uint8` pixels are scaled from 0…255 into
/// `range`, then each channel `c` becomes `(x − mean[c]) / std[c]`.
///
/// Images already in a float type are not rescaled, only standardised. One mean/std value
/// applies to every channel.
///
/// ```swift
/// let unit = try Normalize()                                          // 0…255 → 0…1
/// let imagenet = try Normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])
/// ```
public struct Normalize: Preprocessor {
    public var state = PreprocessorState()
    /// Where 0…255 is mapped for `uint8` images.
    public let range: ClosedRange<Float>
    /// Per-channel means subtracted after scaling (one value for all channels, or one per channel).
    public let mean: [Float]
    /// Per-channel standard deviations divided by after subtracting the mean.
    public let std: [Float]

    /// - Throws: ``PreprocessingError/invalidParameter(stage:detail:)`` for an empty mean or std,
    ///   or a std of 0.
    public init(range: ClosedRange<Float> = 0...1, mean: [Float] = [0], std: [Float] = [1]) throws {
        guard !mean.isEmpty, !std.isEmpty else {
            throw PreprocessingError.invalidParameter(stage: "normalize", detail: "give at least one mean and one std")
        }
        guard std.allSatisfy({ $0 != 0 && $0.isFinite }) && mean.allSatisfy(\.isFinite) else {
            throw PreprocessingError.invalidParameter(
                stage: "normalize", detail: "std values must be finite and non-zero, and means finite")
        }
        self.range = range
        self.mean = mean
        self.std = std
    }

    public func sliceCount(for input: BatchSlice) throws -> Int { 1 }

    public func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        var out = input
        var floats = input.images.convertedToFloat32(scalingBytesInto: range)
        let (channels, channelsLast) = channelLayout(input.images.shape)
        guard mean.count == 1 || mean.count == channels, std.count == 1 || std.count == channels else {
            throw PreprocessingError.unsupportedShape(
                stage: "normalize", shape: input.images.shape,
                detail:
                    "the images have \(channels) channels but \(mean.count) means and \(std.count) stds were given; give one value or one per channel"
            )
        }
        if mean.allSatisfy({ $0 == 0 }) && std.allSatisfy({ $0 == 1 }) {
            out.images = floats
            return out
        }
        let perImage = input.images.elementsPerRow
        let pixelsPerPlane = channelsLast ? 1 : perImage / channels
        floats.withUnsafeMutableBufferPointer(of: Float.self) { values in
            for i in values.indices {
                let c = channelsLast ? i % channels : (i % perImage) / pixelsPerPlane
                let m = mean.count == 1 ? mean[0] : mean[c]
                let s = std.count == 1 ? std[0] : std[c]
                values[i] = (values[i] - m) / s
            }
        }
        out.images = floats
        return out
    }

    private func channelLayout(_ shape: [Int]) -> (Int, Bool) {
        if shape.count == 4, [1, 3, 4].contains(shape[3]) { return (shape[3], true) }
        if shape.count == 4, [1, 3, 4].contains(shape[1]) { return (shape[1], false) }
        return (1, true)
    }
}
