/// Crops every image to `height` × `width` at a random offset, drawn per sample; optionally crops
/// image-like labels (masks) too, with the image's box or one of their own (DeepTrain's
/// `RandCropPreprocessor`).
///
/// Every offset `0 … H − height` (and `0 … W − width`) is possible; DeepTrain's
/// `randint(0, w − size)` never picks the last one and fails when the crop is as large as the
/// image. Offsets are drawn from the slice's counter-based stream, so a batch always gets the
/// same boxes.
///
/// ```swift
/// let crop = RandomCrop(size: 24)                       // 28×28 MNIST → 24×24
/// let masks = RandomCrop(size: 24, labels: .sameBox)    // segmentation masks cropped alike
/// ```
public struct RandomCrop: Preprocessor {
    /// What happens to the labels.
    public enum LabelCrop: Sendable, Hashable {
        /// Labels pass through.
        case none
        /// Labels are cropped with each image's box (they must be as large as the images).
        case sameBox
        /// Labels get boxes of their own.
        case ownBox
    }

    public var state = PreprocessorState()
    /// Rows of the crop.
    public let height: Int
    /// Columns of the crop.
    public let width: Int
    /// What happens to the labels.
    public let labels: LabelCrop

    /// A square crop of `size` × `size`.
    public init(size: Int, labels: LabelCrop = .none) { self.init(height: size, width: size, labels: labels) }

    public init(height: Int, width: Int, labels: LabelCrop = .none) {
        self.height = height
        self.width = width
        self.labels = labels
    }

    public func sliceCount(for input: BatchSlice) throws -> Int { 1 }

    public func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        let geometry = try checkedGeometry(input.images)
        var out = input
        var origins = input.origin.spatial(count: geometry.count, height: geometry.height, width: geometry.width)
        var imageBoxes = [CropBox]()
        var labelBoxes = [CropBox]()
        imageBoxes.reserveCapacity(geometry.count)
        for row in 0..<geometry.count {
            var random = input.random(row: row)
            let box = randomBox(&random, geometry)
            imageBoxes.append(box)
            origins[row] = origins[row].cropped(to: box)
            if labels == .ownBox, let labelTensor = input.labels {
                let labelBox = randomBox(&random, try checkedGeometry(labelTensor))
                labelBoxes.append(labelBox)
                origins[row].labelBox = labelBox
            } else if labels == .sameBox {
                labelBoxes.append(box)
                origins[row].labelBox = box
            }
        }
        let upright = Array(repeating: (h: false, v: false), count: geometry.count)
        out.images = input.images.croppingImages(
            geometry, boxes: imageBoxes, flips: upright, height: height, width: width)
        if labels != .none, let labelTensor = input.labels {
            let labelGeometry = try checkedGeometry(labelTensor)
            guard labelGeometry.count == geometry.count else {
                throw PreprocessingError.unsupportedShape(
                    stage: "crop", shape: labelTensor.shape,
                    detail: "the labels have \(labelGeometry.count) rows but the images \(geometry.count)")
            }
            out.labels = labelTensor.croppingImages(
                labelGeometry, boxes: labelBoxes, flips: upright, height: height, width: width)
        }
        out.origin.samples = origins
        return out
    }

    private func randomBox(_ random: inout CounterRandom, _ geometry: ImageGeometry) -> CropBox {
        CropBox(
            top: random.nextInt(below: geometry.height - height + 1),
            left: random.nextInt(below: geometry.width - width + 1), height: height, width: width)
    }

    private func checkedGeometry(_ tensor: Tensor) throws -> ImageGeometry {
        let geometry = try ImageGeometry(tensor, stage: "crop")
        guard height >= 1, width >= 1, height <= geometry.height, width <= geometry.width else {
            throw PreprocessingError.unsupportedShape(
                stage: "crop", shape: tensor.shape,
                detail:
                    "a \(height)×\(width) crop does not fit in \(geometry.height)×\(geometry.width) images; pick a crop between 1 and the image size"
            )
        }
        return geometry
    }
}
