import Batching

/// How one image's stored values become display intensities in [0, 1]: the one place that
/// decides it, for ``DisplayImage`` (a full-size image) and ``StoredImage`` (drawn straight from
/// the stored rows).
///
/// ```swift
/// let map = IntensityMap(dtype: .uint8, scaling: .fixed) { nil }
/// map(255)   // 1
/// ```
struct IntensityMap: Sendable {
    private enum Rule: Sendable {
        /// Multiplied by a scale (1/255 for `uint8`), NaN to 0, clipped to [0, 1].
        case scaled(Float)
        /// Divided by an unsigned type's maximum, clipped to [0, 1].
        case divided(Float)
        /// Stretched so that `low` is black and `low + span` white, NaN to 0.
        case stretched(low: Float, span: Float)
        /// A constant image: mid-grey.
        case constant
    }

    private let rule: Rule

    /// The map for values of `dtype` under `scaling`; `finiteRange` gives the smallest and
    /// largest finite value of the image (`nil` when it has none), asked only when stretching.
    /// A `uint8`, `bool` or float image keeps fixed scaling; other integers are stretched, except
    /// `uint16` and `uint32`, which are divided by their maximum.
    init(dtype: DType, scaling: IntensityScaling, finiteRange: () -> (low: Float, high: Float)?) {
        let fixedWorks = dtype.isFloatingPoint || dtype == .uint8 || dtype == .bool
        if scaling == .fixed && fixedWorks {
            rule = .scaled(dtype == .uint8 ? 1 / 255 : 1)
        } else if scaling == .fixed, let maximum = Self.unsignedMaximum(dtype) {
            rule = .divided(maximum)
        } else if let (low, high) = finiteRange(), low < high {
            rule = .stretched(low: low, span: high - low)
        } else {
            rule = .constant
        }
    }

    /// The smallest and largest finite value that `values` hands its visitor, or `nil` when
    /// none is finite.
    static func finiteRange(_ values: (_ visit: (Float) -> Void) -> Void) -> (low: Float, high: Float)? {
        var low = Float.infinity
        var high = -Float.infinity
        values { v in
            if v.isFinite {
                low = min(low, v)
                high = max(high, v)
            }
        }
        return low <= high ? (low, high) : nil
    }

    /// The display intensity of the stored value `v`.
    @inline(__always)
    func callAsFunction(_ v: Float) -> Float {
        switch rule {
        case .scaled(let scale): v.isNaN ? 0 : min(max(v * scale, 0), 1)
        case .divided(let maximum): min(max(v / maximum, 0), 1)
        case .stretched(let low, let span): v.isNaN ? 0 : min(max((v - low) / span, 0), 1)
        case .constant: 0.5
        }
    }

    private static func unsignedMaximum(_ dtype: DType) -> Float? {
        switch dtype {
        case .uint16: Float(UInt16.max)
        case .uint32: Float(UInt32.max)
        default: nil
        }
    }
}
