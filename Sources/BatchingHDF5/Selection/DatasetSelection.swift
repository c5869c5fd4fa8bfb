import Batching

/// Which datasets of a file are the images and the labels, which layout the images have, and
/// why — picked by shape and name when the user does not say.
///
/// Images are numeric datasets of 2 or more dimensions; labels are numeric and 1-D (or 2-D
/// one-hot) with the same first-axis length. Common names rank first, in any group: `images`,
/// `x`, `X`, `data`, `features` and `labels`, `y`, `Y`, `targets`.
///
/// ```swift
/// let pick = try DatasetSelection.pick(in: HDF5File(path: "rgb_chunked_gzip.h5"))
/// pick.images       // "train/images"
/// pick.labels       // "train/labels"
/// pick.layout       // .nhwc
/// pick.classNames   // ["circle", "square", "triangle", "star", "ring"]
/// pick.reasons      // sentences saying why
/// ```
public struct DatasetSelection: Sendable, Hashable {
    /// The images dataset's path.
    public var images: String
    /// The labels dataset's path, when there is one.
    public var labels: String?
    /// How the image rows are laid out.
    public var layout: ChannelLayout
    /// Class names in class-index order: an enumeration's names (indexed by value) for enum
    /// labels, else those found in an attribute or dataset (`class_names`, `classes`,
    /// `label_names`, `target_names`); ``HDF5Source`` replaces them by the classes of text labels.
    public var classNames: [String]?
    /// Where the class names came from (`train@class_names`, `labels (enumeration)`).
    public var classNamesSource: String?
    /// One sentence per decision, for `batchview info`.
    public var reasons: [String]

    /// Names that mark a dataset as images, best first.
    public static let imageNames = ["images", "x", "X", "data", "features"]
    /// Names that mark a dataset as labels, best first.
    public static let labelNames = ["labels", "y", "Y", "targets"]
    /// Attribute or dataset names that hold class names.
    public static let classNameKeys = ["class_names", "classes", "label_names", "target_names"]

    /// Picks images and labels in `file`; `images`, `labels` and `layout` override the guesses.
    ///
    /// - Throws: ``HDF5Error/noSuchDataset(file:dataset:available:)`` for a named dataset that
    ///   is absent, ``HDF5Error/noImageDataset(file:)``, ``HDF5Error/scalarDataset(file:dataset:)``,
    ///   ``HDF5Error/unsupportedType(file:dataset:type:)``,
    ///   ``HDF5Error/unusableLink(file:link:state:)`` for a dangling soft link or an external link named
    ///   like images or labels (or given), ``HDF5Error/lengthMismatch(file:images:imageCount:labels:labelCount:)``,
    ///   ``HDF5Error/labelsNotNumeric(file:dataset:type:)``, ``HDF5Error/labelsWrongShape(file:dataset:shape:)``,
    ///   ``HDF5Error/invalidArgument(_:)`` for a layout that does not fit the rows.
    public static func pick(
        in file: HDF5File, images: String? = nil, labels: String? = nil,
        layout: ChannelLayout? = nil
    ) throws -> DatasetSelection {
        var picker = DatasetPicker(file: file)
        let imageInfo = try picker.pickImages(images)
        let labelInfo = try picker.pickLabels(labels, for: imageInfo)
        let layoutChoice = try picker.pickLayout(layout, for: imageInfo)
        let names =
            labelInfo.flatMap { picker.enumerationClassNames(of: $0) }
            ?? picker.findClassNames(near: [imageInfo.path, labelInfo?.path].compactMap { $0 })
        return DatasetSelection(
            images: imageInfo.path, labels: labelInfo?.path, layout: layoutChoice,
            classNames: names?.names, classNamesSource: names?.source, reasons: picker.reasons)
    }
}
