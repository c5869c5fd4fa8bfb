import Batching

/// One part of a dataset (training, validation, test…): images and, when the part is labelled,
/// one label per image.
///
/// Images keep BatchUp's layout: `[N, channels, height, width]` (`[N, 1, 28, 28]` for MNIST,
/// `[N, 3, 32, 32]` for CIFAR and SVHN).
///
/// ```swift
/// let split = DatasetSplit(images: Tensor(zeros: .uint8, shape: [2, 1, 28, 28]),
///                          labels: Tensor([Int32(3), 7]))
/// split.count   // 2
/// ```
public struct DatasetSplit: Sendable, Equatable {
    /// The images, `uint8` (`float32` for USPS), sample axis first.
    public var images: Tensor
    /// One `int32` label per image; `nil` for unlabelled data (STL-10's unlabeled part).
    public var labels: Tensor?
    /// CIFAR-100's 20 coarse (superclass) labels; `nil` for every other dataset.
    public var coarseLabels: Tensor?

    /// A split of `images` with optional `labels` and `coarseLabels`.
    public init(images: Tensor, labels: Tensor? = nil, coarseLabels: Tensor? = nil) {
        self.images = images
        self.labels = labels
        self.coarseLabels = coarseLabels
    }

    /// The number of samples.
    public var count: Int { images.rowCount }

    /// The samples at `indices`, in that order.
    public func gathering(_ indices: [Int]) throws -> DatasetSplit {
        DatasetSplit(
            images: try images.gatherRows(indices), labels: try labels?.gatherRows(indices),
            coarseLabels: try coarseLabels?.gatherRows(indices))
    }

    /// The samples in `range`.
    public func slice(_ range: Range<Int>) -> DatasetSplit {
        DatasetSplit(images: images.rows(range), labels: labels?.rows(range), coarseLabels: coarseLabels?.rows(range))
    }
}
