/// Where a slice came from in its raw batch: the time window it covers and, per sample, the crop
/// box and flips that made it.
///
/// Stages update the origin as they go, so after a chain of crop and flip the boxes are still in
/// the raw image's coordinates.
public struct SliceOrigin: Sendable, Hashable {
    /// The steps of the raw sequence axis (axis 1) the slice covers; `nil` when not windowed.
    public var window: Range<Int>?
    /// One entry per row once a spatial stage ran; empty while every image is whole and upright.
    public var samples: [SampleOrigin]

    public init(window: Range<Int>? = nil, samples: [SampleOrigin] = []) {
        self.window = window
        self.samples = samples
    }

    /// The per-sample origins, made whole-image identities for `count` images of `height` ×
    /// `width` when no spatial stage ran yet.
    func spatial(count: Int, height: Int, width: Int) -> [SampleOrigin] {
        if samples.count == count { return samples }
        let whole = CropBox(top: 0, left: 0, height: height, width: width)
        return Array(repeating: SampleOrigin(box: whole), count: count)
    }
}

/// A rectangle of an image, in pixels: rows `top ..< top + height`, columns `left ..< left + width`.
/// The preprocessors make them (its memberwise initializer is internal); users read them.
public struct CropBox: Sendable, Hashable, CustomStringConvertible {
    /// The first row.
    public var top: Int
    /// The first column.
    public var left: Int
    /// The number of rows.
    public var height: Int
    /// The number of columns.
    public var width: Int

    public var description: String { "rows \(top)..<\(top + height), columns \(left)..<\(left + width)" }
}

/// Where one sample of a slice came from: the part of the raw image it shows and whether it is
/// mirrored; for labels that are images too, the part of the raw label.
public struct SampleOrigin: Sendable, Hashable {
    /// The raw image's pixels the sample shows, in raw coordinates.
    public var box: CropBox
    /// Whether the sample is mirrored left to right relative to the raw image.
    public var flippedHorizontally: Bool
    /// Whether the sample is mirrored top to bottom relative to the raw image.
    public var flippedVertically: Bool
    /// The raw label's pixels the label shows, when labels are images that were cropped.
    public var labelBox: CropBox?

    public init(
        box: CropBox, flippedHorizontally: Bool = false, flippedVertically: Bool = false,
        labelBox: CropBox? = nil
    ) {
        self.box = box
        self.flippedHorizontally = flippedHorizontally
        self.flippedVertically = flippedVertically
        self.labelBox = labelBox
    }

    /// The origin after cropping the sample, as it is now (possibly mirrored), to `crop`.
    func cropped(to crop: CropBox) -> SampleOrigin {
        var next = self
        next.box = Self.compose(box, flippedHorizontally, flippedVertically, crop)
        return next
    }

    /// `crop`, given in the coordinates of the current view of `box`, in raw coordinates.
    static func compose(_ box: CropBox, _ flippedH: Bool, _ flippedV: Bool, _ crop: CropBox) -> CropBox {
        let top = flippedV ? box.top + box.height - crop.top - crop.height : box.top + crop.top
        let left = flippedH ? box.left + box.width - crop.left - crop.width : box.left + crop.left
        return CropBox(top: top, left: left, height: crop.height, width: crop.width)
    }
}
