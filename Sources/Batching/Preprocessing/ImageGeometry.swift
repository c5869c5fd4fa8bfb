/// How the pixels of a batch of images lie in memory: `count` images of `height` × `width` with
/// `channels` channels, channels last (`NHWC`, or `NHW` with one channel) or first (`NCHW`).
///
/// Worked out from the shape: rank 3 is `NHW`; rank 4 is channels last when the last axis has 1,
/// 3 or 4 entries, else channels first when axis 1 has.
struct ImageGeometry: Equatable {
    var count: Int
    var height: Int
    var width: Int
    var channels: Int
    var channelsLast: Bool
    /// Whether the shape has a channel axis (rank 4) rather than being `NHW`.
    var hasChannelAxis: Bool
    var elementBytes: Int

    init(_ tensor: Tensor, stage: String) throws {
        let shape = tensor.shape
        elementBytes = tensor.dtype.byteWidth
        hasChannelAxis = shape.count == 4
        switch shape.count {
        case 3:
            (count, height, width, channels, channelsLast) = (shape[0], shape[1], shape[2], 1, true)
        case 4 where [1, 3, 4].contains(shape[3]):
            (count, height, width, channels, channelsLast) = (shape[0], shape[1], shape[2], shape[3], true)
        case 4 where [1, 3, 4].contains(shape[1]):
            (count, height, width, channels, channelsLast) = (shape[0], shape[2], shape[3], shape[1], false)
        default:
            throw PreprocessingError.unsupportedShape(
                stage: stage, shape: shape,
                detail:
                    "expected images shaped (samples, height, width), (samples, height, width, channels) or (samples, channels, height, width) with 1, 3 or 4 channels"
            )
        }
    }

    /// The shape of a batch of `count` images of `height` × `width` in this layout.
    func shape(height: Int, width: Int) -> [Int] {
        if !hasChannelAxis { return [count, height, width] }
        return channelsLast ? [count, height, width, channels] : [count, channels, height, width]
    }

    /// Bytes of one image.
    var imageBytes: Int { height * width * channels * elementBytes }
}

extension Tensor {
    /// For every image, the pixels of `boxes[i]` (in the image as stored), mirrored as `flips[i]`
    /// says, written into a new tensor of images `height` × `width`.
    func croppingImages(
        _ geometry: ImageGeometry, boxes: [CropBox], flips: [(h: Bool, v: Bool)],
        height: Int, width: Int
    ) -> Tensor {
        var out = Tensor(uninitialized: dtype, shape: geometry.shape(height: height, width: width))
        let e = geometry.elementBytes
        let planes = geometry.channelsLast ? 1 : geometry.channels
        let pixelBytes = geometry.channelsLast ? geometry.channels * e : e
        let srcRowBytes = geometry.width * pixelBytes
        let srcPlaneBytes = geometry.height * srcRowBytes
        let dstRowBytes = width * pixelBytes
        let dstPlaneBytes = height * dstRowBytes
        withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress else { return }
                for image in 0..<geometry.count {
                    let box = boxes[image]
                    let (flipH, flipV) = flips[image]
                    for plane in 0..<planes {
                        let srcPlane = srcBase + image * geometry.imageBytes + plane * srcPlaneBytes
                        let dstPlane = dstBase + image * planes * dstPlaneBytes + plane * dstPlaneBytes
                        for row in 0..<height {
                            let srcRow =
                                srcPlane + (box.top + (flipV ? height - 1 - row : row)) * srcRowBytes
                                + box.left * pixelBytes
                            let dstRow = dstPlane + row * dstRowBytes
                            if !flipH {
                                dstRow.copyMemory(from: srcRow, byteCount: dstRowBytes)
                            } else if pixelBytes == 1 {
                                let s = srcRow.assumingMemoryBound(to: UInt8.self)
                                let d = dstRow.assumingMemoryBound(to: UInt8.self)
                                for column in 0..<width { d[column] = s[width - 1 - column] }
                            } else if pixelBytes == 4 {
                                for column in 0..<width {
                                    dstRow.storeBytes(
                                        of: srcRow.load(fromByteOffset: (width - 1 - column) * 4, as: UInt32.self),
                                        toByteOffset: column * 4, as: UInt32.self)
                                }
                            } else {
                                for column in 0..<width {
                                    (dstRow + column * pixelBytes).copyMemory(
                                        from: srcRow + (width - 1 - column) * pixelBytes, byteCount: pixelBytes)
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Steps `range` of axis 1 of every row: `self[:, range]` in NumPy terms.
    func slicingAxis1(_ range: Range<Int>) -> Tensor {
        precondition(shape.count >= 2 && range.lowerBound >= 0 && range.upperBound <= shape[1])
        let inner = shape.dropFirst(2).reduce(1, *) * dtype.byteWidth
        let srcRow = shape[1] * inner
        let dstRow = range.count * inner
        var out = Tensor(uninitialized: dtype, shape: [shape[0], range.count] + shape.dropFirst(2))
        withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress, dstRow > 0 else { return }
                for row in 0..<shape[0] {
                    (d + row * dstRow).copyMemory(from: s + row * srcRow + range.lowerBound * inner, byteCount: dstRow)
                }
            }
        }
        return out
    }
}
