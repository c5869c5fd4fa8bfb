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
        let mapped: [Float]
        if scaling == .stretch || !(raw.dtype.isFloatingPoint || raw.dtype == .uint8 || raw.dtype == .bool) {
            mapped = Self.stretched(selected, dtype: raw.dtype, force: scaling == .stretch)
        } else {
            let scale: Float = raw.dtype == .uint8 ? 1 / 255 : 1
            mapped = selected.map { v in v.isNaN ? 0 : min(max(v * scale, 0), 1) }
        }
        self.init(width: raw.width, height: raw.height, channels: channels, values: mapped)
    }

    /// Min–max stretch over the finite values; a constant image is mid-grey, except that
    /// unsigned integer types not forced to stretch are divided by their maximum.
    private static func stretched(_ values: [Float], dtype: Batching.DType, force: Bool) -> [Float] {
        if !force, let maximum = unsignedMaximum(dtype) {
            return values.map { min(max($0 / maximum, 0), 1) }
        }
        var low = Float.infinity
        var high = -Float.infinity
        for v in values where v.isFinite {
            low = min(low, v)
            high = max(high, v)
        }
        guard low < high else { return values.map { _ in 0.5 } }
        let span = high - low
        return values.map { v in v.isNaN ? 0 : min(max((v - low) / span, 0), 1) }
    }

    private static func unsignedMaximum(_ dtype: Batching.DType) -> Float? {
        switch dtype {
        case .uint16: Float(UInt16.max)
        case .uint32: Float(UInt32.max)
        default: nil
        }
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
