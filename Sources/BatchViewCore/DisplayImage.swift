import Batching

/// How stored values become display intensities in [0, 1].
public enum IntensityScaling: String, Sendable, Hashable {
    /// `uint8` divided by 255, other integers by their type's maximum, floats clipped to [0, 1].
    case fixed
    /// Each image stretched so that its minimum is black and its maximum white.
    case stretch
}

/// Pixels ready to draw: one channel (grey) or three (RGB), every value in [0, 1].
///
/// ```swift
/// let display = DisplayImage(raw, scaling: .fixed, channel: nil)
/// let small = display.resampled(width: 14, height: 14)
/// ```
public struct DisplayImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// 1 (grey) or 3 (RGB).
    public let channels: Int
    /// `height * width * channels` values in [0, 1], channel fastest; NaN becomes 0.
    public var values: [Float]

    public init(width: Int, height: Int, channels: Int, values: [Float]) {
        precondition(channels == 1 || channels == 3, "a display image is grey or RGB")
        precondition(values.count == width * height * channels)
        self.width = width
        self.height = height
        self.channels = channels
        self.values = values
    }

    /// `raw` scaled for display. Images with 1 or 3 channels keep them; any other channel count
    /// shows the single channel `channel` (clamped to the channels there are) in grey.
    public init(_ raw: RawImage, scaling: IntensityScaling, channel: Int? = nil) {
        let selected: [Float]
        let channels: Int
        if raw.channels == 1 || raw.channels == 3 {
            selected = raw.values
            channels = raw.channels
        } else {
            let c = min(max(channel ?? 0, 0), raw.channels - 1)
            selected = stride(from: c, to: raw.values.count, by: raw.channels).map { raw.values[$0] }
            channels = 1
        }
        let map = IntensityMap(dtype: raw.dtype, scaling: scaling) {
            IntensityMap.finiteRange { visit in selected.forEach(visit) }
        }
        self.init(width: raw.width, height: raw.height, channels: channels, values: selected.map { map($0) })
    }

    /// The intensity of channel `channel` at (`x`, `y`).
    public func value(x: Int, y: Int, channel: Int = 0) -> Float {
        values[(y * width + x) * channels + channel]
    }

    /// The perceived brightness at (`x`, `y`) (Rec. 601 weights for RGB).
    public func luma(x: Int, y: Int) -> Float {
        guard channels == 3 else { return value(x: x, y: y) }
        return 0.299 * value(x: x, y: y, channel: 0) + 0.587 * value(x: x, y: y, channel: 1)
            + 0.114 * value(x: x, y: y, channel: 2)
    }
}
