import Batching

/// One sample of a batch tensor drawn straight from its stored values: each value is read,
/// mapped to an intensity and averaged into the cells it falls in, with no full-size float copy
/// (a 300×300 RGB sample would be a megabyte of floats, made for every preview on every frame).
///
/// What it draws equals ``DisplayImage`` of ``RawImage`` resampled, value for value: the same
/// ``IntensityMap`` and the same two resampling passes, read in a different order.
///
/// ```swift
/// let sample = StoredImage(batch: images, row: 3, layout: .nhwc, scaling: .fixed, channel: nil)
/// let cells = sample.displayed(width: 14, height: 14)
/// ```
public struct StoredImage: Sendable {
    public let width: Int
    public let height: Int
    /// 1 (grey) or 3 (RGB), as the ``DisplayImage`` would have.
    public let channels: Int
    private let tensor: Tensor
    /// The element of the shown channel 0 at (0, 0), and the steps to the next row, column and
    /// shown channel.
    private let origin: Int
    private let strides: (row: Int, column: Int, channel: Int)
    private let scaling: IntensityScaling

    /// Row `row` of a batch tensor of shape `[N] + rowShape` read in `layout`; an image of other
    /// than 1 or 3 channels shows channel `channel` (clamped) in grey.
    public init(batch tensor: Tensor, row: Int, layout: ImageLayout, scaling: IntensityScaling, channel: Int?) {
        let (h, w, c) = layout.geometry(rowShape: tensor.rowShape)
        let fits = h * w * c <= tensor.elementsPerRow && row >= 0 && row < tensor.rowCount
        self.tensor = tensor
        width = fits ? w : 0
        height = fits ? h : 0
        if layout == .ntc && h > 1 {
            strides = (1, h, 0) // [T, C]: C rows of T steps
        } else if layout == .nchw && c > 1 {
            strides = (w, 1, h * w)
        } else {
            strides = (w * c, c, 1)
        }
        let shownChannel = c == 1 || c == 3 ? 0 : min(max(channel ?? 0, 0), c - 1)
        channels = c == 1 || c == 3 ? c : 1
        origin = row * tensor.elementsPerRow + shownChannel * strides.channel
        self.scaling = scaling
    }

    /// The image resized to `newWidth`×`newHeight` as ``DisplayImage/resampled(width:height:)``
    /// resizes the full-size display image.
    public func displayed(width newWidth: Int, height newHeight: Int) -> DisplayImage {
        switch tensor.dtype {
        case .uint8:
            return tensor.withUnsafeBufferPointer(of: UInt8.self) { bytes in
                // A byte's intensity looked up: the same value the map gives, without the map.
                let map = intensityMap(BytesReader(elements: bytes))
                let table = (0..<256).map { map(Float($0)) }
                return table.withUnsafeBufferPointer { table in
                    resampled(newWidth, newHeight, TabledBytesReader(elements: bytes, intensities: table))
                }
            }
        case .float32:
            return tensor.withUnsafeBufferPointer(of: Float.self) { floats in
                let reader = FloatsReader(elements: floats)
                return resampled(newWidth, newHeight, MappedReader(base: reader, map: intensityMap(reader)))
            }
        default:
            let reader = WideningReader(tensor: tensor)
            return resampled(newWidth, newHeight, MappedReader(base: reader, map: intensityMap(reader)))
        }
    }

    /// The intensity map of the shown values that `element` reads.
    private func intensityMap<Reader: ElementReader>(_ element: Reader) -> IntensityMap {
        IntensityMap(dtype: tensor.dtype, scaling: scaling) {
            IntensityMap.finiteRange { visit in
                for y in 0..<height {
                    for x in 0..<width {
                        for c in 0..<channels {
                            visit(element[origin + y * strides.row + x * strides.column + c * strides.channel])
                        }
                    }
                }
            }
        }
    }

    /// The image resized, with the intensities read by `intensity` (specialised for each reader,
    /// so that the per-value read is inlined).
    private func resampled<Reader: ElementReader>(_ newWidth: Int, _ newHeight: Int, _ intensity: Reader)
        -> DisplayImage
    {
        let (origin, strides) = (origin, strides)
        return DisplayImage.resampling(width: width, height: height, channels: channels, to: newWidth, newHeight) {
            y, x, c in
            intensity[origin + y * strides.row + x * strides.column + c * strides.channel]
        }
    }
}

/// A tensor's element at a flat index as `Float`: widened as ``RawImage`` widens it, or mapped to
/// its intensity.
private protocol ElementReader {
    subscript(_ index: Int) -> Float { get }
}

private struct BytesReader: ElementReader {
    let elements: UnsafeBufferPointer<UInt8>
    subscript(_ index: Int) -> Float { Float(elements[index]) }
}

/// Each byte's intensity from a table of the 256.
private struct TabledBytesReader: ElementReader {
    let elements: UnsafeBufferPointer<UInt8>
    let intensities: UnsafeBufferPointer<Float>
    subscript(_ index: Int) -> Float { intensities[Int(elements[index])] }
}

private struct FloatsReader: ElementReader {
    let elements: UnsafeBufferPointer<Float>
    subscript(_ index: Int) -> Float { elements[index] }
}

private struct WideningReader: ElementReader {
    let tensor: Tensor
    subscript(_ index: Int) -> Float { Float(tensor.doubleValue(atElement: index)) }
}

private struct MappedReader<Base: ElementReader>: ElementReader {
    let base: Base
    let map: IntensityMap
    subscript(_ index: Int) -> Float { map(base[index]) }
}
