import Batching

/// A standard dataset in memory: training, validation and test parts, class names, and the extra
/// parts some datasets have (STL-10's unlabelled images, SVHN's "extra" set).
///
/// Readers return every training sample in ``train`` and an empty ``validation``;
/// ``splittingValidation(last:)`` then moves the last *n* training samples into ``validation``,
/// as BatchUp's `n_val` does.
///
/// ```swift
/// let mnist = try StandardDatasetReader.read(.mnist, from: "~/Downloads/mnist")
///     .splittingValidation(last: 10_000)
/// mnist.train.images.shape        // [50000, 1, 28, 28]
/// mnist.validation.images.shape   // [10000, 1, 28, 28]
/// ```
public struct LoadedDataset: Sendable {
    /// Which dataset this is.
    public var kind: DatasetKind
    /// The training samples.
    public var train: DatasetSplit
    /// The validation samples (empty until split off the training set).
    public var validation: DatasetSplit
    /// The test samples.
    public var test: DatasetSplit
    /// STL-10's 100,000 unlabelled images, when they were read.
    public var unlabeled: DatasetSplit?
    /// SVHN's 531,131 "extra" samples, when they were read.
    public var extra: DatasetSplit?
    /// The name of each class, label 0 first.
    public var classNames: [String]
    /// CIFAR-100's 20 superclass names; `nil` elsewhere.
    public var coarseClassNames: [String]?
    /// STL-10's ten predefined folds of training indices; `nil` elsewhere.
    public var folds: [[Int]]?

    /// A dataset of the given parts, with an empty validation part shaped like `train`.
    public init(
        kind: DatasetKind, train: DatasetSplit, test: DatasetSplit, classNames: [String],
        unlabeled: DatasetSplit? = nil, extra: DatasetSplit? = nil,
        coarseClassNames: [String]? = nil, folds: [[Int]]? = nil
    ) {
        self.kind = kind
        self.train = train
        self.validation = train.slice(0..<0)
        self.test = test
        self.unlabeled = unlabeled
        self.extra = extra
        self.classNames = classNames
        self.coarseClassNames = coarseClassNames
        self.folds = folds
    }

    /// The dataset with the last `count` training samples moved to ``validation`` (BatchUp's
    /// `n_val`); `count` 0 leaves the validation part empty.
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` when `count` is negative or larger than
    ///   the training set.
    public func splittingValidation(last count: Int) throws -> LoadedDataset {
        let all = train.count + validation.count
        guard count >= 0, count <= all else {
            throw BatchingError.invalidArgument(
                "the validation part must hold between 0 and \(all) samples of \(kind.displayName)'s training set, not \(count)"
            )
        }
        let whole = validation.count == 0 ? train : try mergedTrain()
        var out = self
        out.train = whole.slice(0..<(all - count))
        out.validation = whole.slice((all - count)..<all)
        return out
    }

    /// The dataset with the samples of the last `foldCount` folds (STL-10's `n_val_folds`) moved
    /// to ``validation``, in fold order; the rest stay in ``train`` in their original order.
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` when the dataset has no folds or too few.
    public func splittingValidation(lastFolds foldCount: Int) throws -> LoadedDataset {
        guard let folds, foldCount >= 0, foldCount <= folds.count else {
            throw BatchingError.invalidArgument(
                "\(kind.displayName) has \(folds?.count ?? 0) validation folds; ask for 0…\(folds?.count ?? 0), not \(foldCount)"
            )
        }
        let whole = validation.count == 0 ? train : try mergedTrain()
        let validationIndices = folds.suffix(foldCount).flatMap { $0 }
        var inValidation = [Bool](repeating: false, count: whole.count)
        for index in validationIndices {
            guard index >= 0, index < whole.count else {
                throw BatchingError.indexOutOfRange(index: index, count: whole.count)
            }
            inValidation[index] = true
        }
        var out = self
        out.train = try whole.gathering((0..<whole.count).filter { !inValidation[$0] })
        out.validation = try whole.gathering(validationIndices)
        return out
    }

    /// The dataset split as its kind's BatchUp defaults say (``DatasetKind/defaultValidation``).
    public func splittingDefaultValidation() throws -> LoadedDataset {
        switch kind.defaultValidation {
        case .last(let count): try splittingValidation(last: min(count, train.count + validation.count))
        case .lastFolds(let count): try splittingValidation(lastFolds: min(count, folds?.count ?? 0))
        }
    }

    /// The training and validation parts as one, training samples first.
    ///
    /// - Throws: ``BatchingError/invalidLabels(_:)`` when one part has labels (or coarse labels)
    ///   and the other has none.
    private func mergedTrain() throws -> DatasetSplit {
        DatasetSplit(
            images: try Tensor.concatenating([train.images, validation.images]),
            labels: try Self.joined(train.labels, validation.labels, what: "labels"),
            coarseLabels: try Self.joined(train.coarseLabels, validation.coarseLabels, what: "coarse labels"))
    }

    /// The training part's `what` followed by the validation part's; `nil` when neither has any.
    private static func joined(_ train: Tensor?, _ validation: Tensor?, what: String) throws -> Tensor? {
        switch (train, validation) {
        case (nil, nil): return nil
        case (let train?, let validation?): return try Tensor.concatenating([train, validation])
        case (_?, nil), (nil, _?):
            let holder = train == nil ? "validation" : "training"
            throw BatchingError.invalidLabels(
                "the \(holder) part has \(what) but the other part has none, so they cannot be merged; give both the training and the validation part \(what), or neither"
            )
        }
    }
}
