import Batching
import Foundation
import Testing

@testable import BatchingDatasets

/// Library calls handed the wrong thing throw a sentence instead of stopping the process.
@Suite struct ReaderMisuseTests {
    @Test func theMNISTReaderRefusesAnotherKind() throws {
        let folder = try MNISTReaderTests.makeFolder()
        let error = #expect(throws: DatasetError.self) { try MNISTReader.read(.cifar10, folder: folder.path) }
        #expect(error == .wrongReader(reader: "MNISTReader", reads: "MNIST and Fashion-MNIST", kind: .cifar10))
        #expect(
            error?.description
                == "MNISTReader reads MNIST and Fashion-MNIST, not CIFAR-10; read CIFAR-10 with StandardDatasetReader.read, which picks the reader for each kind"
        )
    }

    @Test(arguments: [DatasetKind.mnist, .fashionMNIST, .stl10, .svhn, .usps])
    func theCIFARReaderRefusesAnotherKind(kind: DatasetKind) {
        // The kind is checked before the path is touched, so a path that does not exist is fine.
        let error = #expect(throws: DatasetError.self) {
            try CIFARReader.read(kind, from: "/nonexistent/cifar-10-binary.tar.gz")
        }
        #expect(error == .wrongReader(reader: "CIFARReader", reads: "CIFAR-10 and CIFAR-100", kind: kind))
        #expect(error?.description.contains("not \(kind.displayName);") == true)
    }

    /// A dataset put together by hand whose training part has labels and whose validation part
    /// has none cannot be re-split: the parts cannot be merged.
    @Test(arguments: [true, false]) func splittingRefusesPartsWithAndWithoutLabels(trainHasLabels: Bool) {
        let images = Tensor(zeros: .uint8, shape: [4, 2, 2])
        let labels = Tensor([Int32(0), 1, 2, 3])
        var dataset = LoadedDataset(
            kind: .mnist, train: DatasetSplit(images: images, labels: trainHasLabels ? labels : nil),
            test: DatasetSplit(images: images, labels: labels), classNames: ["a", "b", "c", "d"])
        dataset.validation = DatasetSplit(images: images, labels: trainHasLabels ? nil : labels)
        let error = #expect(throws: BatchingError.self) { try dataset.splittingValidation(last: 2) }
        let holder = trainHasLabels ? "training" : "validation"
        #expect(
            error?.description
                == "the \(holder) part has labels but the other part has none, so they cannot be merged; give both the training and the validation part labels, or neither"
        )
    }

    @Test func splittingKeepsCoarseLabelsOfBothParts() throws {
        let images = Tensor(zeros: .uint8, shape: [3, 2, 2])
        var dataset = LoadedDataset(
            kind: .cifar100,
            train: DatasetSplit(
                images: images, labels: Tensor([Int32(0), 1, 2]), coarseLabels: Tensor([Int32(5), 6, 7])),
            test: DatasetSplit(images: images), classNames: ["a", "b", "c"])
        dataset.validation = DatasetSplit(
            images: Tensor(zeros: .uint8, shape: [1, 2, 2]), labels: Tensor([Int32(3)]),
            coarseLabels: Tensor([Int32(8)]))
        let split = try dataset.splittingValidation(last: 2)
        #expect(split.train.labels?.scalars(as: Int32.self) == [0, 1])
        #expect(split.validation.labels?.scalars(as: Int32.self) == [2, 3])
        #expect(split.train.coarseLabels?.scalars(as: Int32.self) == [5, 6])
        #expect(split.validation.coarseLabels?.scalars(as: Int32.self) == [7, 8])
    }
}
