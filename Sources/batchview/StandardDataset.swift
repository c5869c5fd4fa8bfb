import ArgumentParser
import BatchingDatasets

/// One standard dataset as a type, so that each gets its own commands (`batchview mnist`,
/// `batchview import mnist`) from one generic definition: the command-line parser names a
/// subcommand by its type. Everything else about a dataset comes from its ``DatasetKind``.
protocol StandardDataset: SendableMetatype {
    static var kind: DatasetKind { get }
}

enum MNISTDataset: StandardDataset { static let kind = DatasetKind.mnist }
enum FashionMNISTDataset: StandardDataset { static let kind = DatasetKind.fashionMNIST }
enum CIFAR10Dataset: StandardDataset { static let kind = DatasetKind.cifar10 }
enum CIFAR100Dataset: StandardDataset { static let kind = DatasetKind.cifar100 }
enum STL10Dataset: StandardDataset { static let kind = DatasetKind.stl10 }
enum SVHNDataset: StandardDataset { static let kind = DatasetKind.svhn }
enum USPSDataset: StandardDataset { static let kind = DatasetKind.usps }

/// Every standard dataset, in the order the help lists them.
let standardDatasets: [any StandardDataset.Type] = [
    MNISTDataset.self, FashionMNISTDataset.self, CIFAR10Dataset.self, CIFAR100Dataset.self, STL10Dataset.self,
    SVHNDataset.self, USPSDataset.self,
]

extension StandardDataset {
    /// `batchview KIND`: the dataset opened in the inspector.
    static var openCommand: ParsableCommand.Type { OpenStandardDatasetCommand<Self>.self }
    /// `batchview import KIND`: the originals written as HDF5.
    static var importCommand: ParsableCommand.Type { ImportStandardCommand<Self>.self }
}
