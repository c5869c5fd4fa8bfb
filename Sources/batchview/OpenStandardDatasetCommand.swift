import ArgumentParser
import BatchingDatasets
import Foundation

/// `batchview mnist` (and every standard kind): opens the dataset from the data directory in
/// the inspector, importing it to `DATA/KIND/KIND.h5` the first time (downloading the originals
/// when missing). Every option of `batchview inspect` is accepted after the kind.
protocol OpenStandardDatasetCommand: ParsableCommand {
    static var kind: DatasetKind { get }
    var inspectorArguments: [String] { get }
}

extension OpenStandardDatasetCommand {
    static func makeConfiguration() -> CommandConfiguration {
        CommandConfiguration(
            commandName: kind.rawValue,
            abstract:
                "Open \(kind.displayName) from the data directory in the inspector (fetched and imported on first use).",
            discussion:
                "Takes every option of `batchview inspect`, e.g. batchview \(kind.rawValue) --shuffle --batch-size 64 --images test/images --labels test/labels. "
                + "The data directory is data_dir in ~/.batchview.cfg, else BATCHVIEW_HOME, else BatchUp's settings, else ~/.batchview (see docs/datasets.md)."
        )
    }

    func run() throws {
        // Asking for help must not fetch anything.
        if inspectorArguments.contains(where: { $0 == "-h" || $0 == "--help" }) {
            throw CleanExit.helpRequest(Self.self)
        }
        let path = try DatasetStore().hdf5File(for: Self.kind)
        let inspect = try InspectCommand.parse([path] + inspectorArguments)
        try inspect.run()
    }
}

struct OpenMNISTCommand: OpenStandardDatasetCommand {
    static let kind = DatasetKind.mnist
    static let configuration: CommandConfiguration = makeConfiguration()
    @Argument(parsing: .captureForPassthrough, help: "Options for the inspector.") var inspectorArguments: [String] = []
}

struct OpenFashionMNISTCommand: OpenStandardDatasetCommand {
    static let kind = DatasetKind.fashionMNIST
    static let configuration: CommandConfiguration = makeConfiguration()
    @Argument(parsing: .captureForPassthrough, help: "Options for the inspector.") var inspectorArguments: [String] = []
}

struct OpenCIFAR10Command: OpenStandardDatasetCommand {
    static let kind = DatasetKind.cifar10
    static let configuration: CommandConfiguration = makeConfiguration()
    @Argument(parsing: .captureForPassthrough, help: "Options for the inspector.") var inspectorArguments: [String] = []
}

struct OpenCIFAR100Command: OpenStandardDatasetCommand {
    static let kind = DatasetKind.cifar100
    static let configuration: CommandConfiguration = makeConfiguration()
    @Argument(parsing: .captureForPassthrough, help: "Options for the inspector.") var inspectorArguments: [String] = []
}

struct OpenSTL10Command: OpenStandardDatasetCommand {
    static let kind = DatasetKind.stl10
    static let configuration: CommandConfiguration = makeConfiguration()
    @Argument(parsing: .captureForPassthrough, help: "Options for the inspector.") var inspectorArguments: [String] = []
}

struct OpenSVHNCommand: OpenStandardDatasetCommand {
    static let kind = DatasetKind.svhn
    static let configuration: CommandConfiguration = makeConfiguration()
    @Argument(parsing: .captureForPassthrough, help: "Options for the inspector.") var inspectorArguments: [String] = []
}

struct OpenUSPSCommand: OpenStandardDatasetCommand {
    static let kind = DatasetKind.usps
    static let configuration: CommandConfiguration = makeConfiguration()
    @Argument(parsing: .captureForPassthrough, help: "Options for the inspector.") var inspectorArguments: [String] = []
}

/// The standard kinds as root subcommands (`batchview mnist`), for `BatchviewCommand`'s list.
let openStandardDatasetCommands: [ParsableCommand.Type] = [
    OpenMNISTCommand.self, OpenFashionMNISTCommand.self, OpenCIFAR10Command.self, OpenCIFAR100Command.self,
    OpenSTL10Command.self, OpenSVHNCommand.self, OpenUSPSCommand.self,
]
