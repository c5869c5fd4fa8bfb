import Batching

/// One sample's pixels as stored, widened to `Float`, in height × width × channel order
/// whatever the dataset's layout.
///
/// ```swift
/// let image = RawImage(batch: images, row: 3, layout: .nchw)
/// image.value(y: 0, x: 0, channel: 2)
/// ```
public struct RawImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let channels: Int
    /// The element type the values came from.
    public let dtype: DType
    /// `height * width * channels` values, channel fastest.
    public var values: [Float]

    public init(width: Int, height: Int, channels: Int, dtype: DType, values: [Float]) {
        precondition(
            values.count == width * height * channels, "\(values.count) values for \(height)×\(width)×\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.dtype = dtype
        self.values = values
    }

    /// Row `row` of a batch tensor of shape `[N] + rowShape`, read in `layout`.
    public init(batch tensor: Tensor, row: Int, layout: ImageLayout) {
        let (h, w, c) = layout.geometry(rowShape: tensor.rowShape)
        // The image is the row's first h × w × c values: all of it, or its first image plane
        // when the row has more axes than an image (see `ImageLayout.geometry(rowShape:)`).
        let perRow = min(h * w * c, tensor.elementsPerRow)
        let base = row * tensor.elementsPerRow
        var flat = [Float](repeating: 0, count: perRow)
        switch tensor.dtype {
        case .uint8:
            tensor.withUnsafeBufferPointer(of: UInt8.self) { p in for i in 0..<perRow { flat[i] = Float(p[base + i]) } }
        case .float32:
            tensor.withUnsafeBufferPointer(of: Float.self) { p in for i in 0..<perRow { flat[i] = p[base + i] } }
        default:
            for i in 0..<perRow { flat[i] = Float(tensor.doubleValue(atElement: base + i)) }
        }
        if layout == .ntc && h > 1 {
            // [T, C] → C rows of T steps.
            var strip = [Float](repeating: 0, count: perRow)
            for t in 0..<w { for f in 0..<h { strip[f * w + t] = flat[t * h + f] } }
            flat = strip
        }
        if layout == .nchw && c > 1 {
            var hwc = [Float](repeating: 0, count: perRow)
            let plane = h * w
            for ch in 0..<c { for p in 0..<plane { hwc[p * c + ch] = flat[ch * plane + p] } }
            flat = hwc
        }
        self.init(width: w, height: h, channels: c, dtype: tensor.dtype, values: flat)
    }

    /// The value at (`y`, `x`) of `channel`.
    public func value(y: Int, x: Int, channel: Int) -> Float {
        values[(y * width + x) * channels + channel]
    }
}
