/// The standard datasets batchview can read, fetch and import, named as on the command line.
///
/// Each kind knows its original files, where they are published, their SHA-256 sums (BatchUp's,
/// where BatchUp pins them) and BatchUp's validation split.
///
/// ```swift
/// DatasetKind(rawValue: "fashion-mnist")?.sourceFiles.map(\.name)
/// // ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", …]
/// ```
public enum DatasetKind: String, Sendable, CaseIterable, Codable {
    case mnist
    case fashionMNIST = "fashion-mnist"
    case cifar10
    case cifar100
    case stl10
    case svhn
    case usps

    /// How BatchUp carves a validation set out of the training set by default.
    public enum ValidationSplit: Sendable, Equatable {
        /// The last `n` training samples (`n_val`).
        case last(Int)
        /// The samples of the last `n` predefined folds (STL-10's `n_val_folds`).
        case lastFolds(Int)
    }

    /// The name people know it by.
    public var displayName: String {
        switch self {
        case .mnist: "MNIST"
        case .fashionMNIST: "Fashion-MNIST"
        case .cifar10: "CIFAR-10"
        case .cifar100: "CIFAR-100"
        case .stl10: "STL-10"
        case .svhn: "SVHN"
        case .usps: "USPS"
        }
    }

    /// What the originals are, as `batchview import KIND` reads them: one sentence.
    public var originalsDescription: String {
        switch self {
        case .mnist: "MNIST from its four IDX files (gzipped or not) in a folder."
        case .fashionMNIST: "Fashion-MNIST from its four IDX files (gzipped or not) in a folder."
        case .cifar10: "CIFAR-10 from cifar-10-binary.tar.gz or the folder it unpacks to."
        case .cifar100: "CIFAR-100 (fine and coarse labels) from cifar-100-binary.tar.gz or its folder."
        case .stl10: "STL-10 from stl10_binary.tar.gz or the folder it unpacks to."
        case .svhn: "SVHN from train_32x32.mat and test_32x32.mat (MATLAB 5) in a folder."
        case .usps: "USPS from usps.h5 (the file BatchUp downloads)."
        }
    }

    /// BatchUp's default validation split: 10,000 samples (729 for USPS, one fold for STL-10).
    public var defaultValidation: ValidationSplit {
        switch self {
        case .usps: .last(729)
        case .stl10: .lastFolds(1)
        default: .last(10_000)
        }
    }

    /// The original files, in the order they are fetched. Optional files (SVHN's 1.3 GB extra set)
    /// are read when present but never downloaded unasked.
    public var sourceFiles: [SourceFile] {
        switch self {
        case .mnist:
            let sums = [
                "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
            ]
            return Self.idxFiles(
                sums: sums,
                mirrors: ["http://yann.lecun.com/exdb/mnist/", "https://ossci-datasets.s3.amazonaws.com/mnist/"])
        case .fashionMNIST:
            let sums = [
                "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
            ]
            return Self.idxFiles(sums: sums, mirrors: ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"])
        case .cifar10:
            return [
                Self.published(
                    "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",
                    sha256: "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")
            ]
        case .cifar100:
            return [Self.published("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz", sha256: nil)]
        case .stl10:
            return [
                Self.published(
                    "http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz",
                    sha256: "f31fd99273a1acb8609c8db427cebb1de3f71de77758cdc0e22956e1289b9866")
            ]
        case .svhn:
            let base = "http://ufldl.stanford.edu/housenumbers/"
            return [
                Self.published(
                    base + "train_32x32.mat", sha256: "435e94d69a87fde4fd4d7f3dd208dfc32cb6ae8af2240d066de1df7508d083b8"
                ),
                Self.published(
                    base + "test_32x32.mat", sha256: "cdce80dfb2a2c4c6160906d0bd7c68ec5a99d7ca4831afa54f09182025b6a75b"),
                Self.published(
                    base + "extra_32x32.mat",
                    sha256: "a133a4beb38a00fcdda90c9489e0c04f900b660ce8a316a5e854838379a71eb3",
                    isOptional: true),
            ]
        case .usps:
            return [
                Self.published(
                    "https://github.com/Britefury/usps_dataset/raw/master/usps.h5",
                    sha256: "ba768d9a9b11e79b31c1e40130647c4fc04e6afc1fb41a0d4b9f1176065482b4")
            ]
        }
    }

    /// A file published at one `url`, named as the URL's last part.
    private static func published(_ url: String, sha256: String?, isOptional: Bool = false) -> SourceFile {
        let name = url.split(separator: "/").last.map(String.init) ?? url
        return SourceFile(name: name, urls: [url], sha256: sha256, isOptional: isOptional)
    }

    /// The class names used when the original files carry none.
    var builtInClassNames: [String] {
        switch self {
        case .fashionMNIST:
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        case .cifar10:
            ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
        default:
            (0...9).map(String.init)
        }
    }

    /// The four IDX files of MNIST and Fashion-MNIST with their `sums`, each fetched from the
    /// `mirrors` (folder URLs) in order.
    private static func idxFiles(sums: [String], mirrors: [String]) -> [SourceFile] {
        zip(idxFileNames, sums).map { name, sum in SourceFile(name: name, urls: mirrors.map { $0 + name }, sha256: sum)
        }
    }

    static let idxFileNames = [
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
    ]
}

/// One original file of a standard dataset: its name, where it is published and its SHA-256.
public struct SourceFile: Sendable, Equatable {
    /// The file name, as published.
    public var name: String
    /// Where to download it from, tried in order.
    public var urls: [String]
    /// The expected SHA-256 as lowercase hex; `nil` when no sum is pinned (the download is then
    /// kept and its sum printed, as BatchUp does).
    public var sha256: String?
    /// Whether the dataset can be read without it.
    public var isOptional: Bool

    /// A source file; see the properties.
    public init(name: String, urls: [String], sha256: String?, isOptional: Bool = false) {
        self.name = name
        self.urls = urls
        self.sha256 = sha256
        self.isOptional = isOptional
    }
}
