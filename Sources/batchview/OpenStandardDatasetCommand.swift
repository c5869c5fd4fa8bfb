import ArgumentParser
import BatchingDatasets
import Foundation

/// `batchview mnist` (and every standard kind): opens the dataset from the data directory in
/// the inspector, importing it to `DATA/KIND/KIND.h5` the first time (downloading the originals
/// when missing). Every option of `batchview inspect` is accepted after the kind.
struct OpenStandardDatasetCommand<Dataset: StandardDataset>: ParsableCommand {
    static var configuration: CommandConfiguration {
        let kind = Dataset.kind
        return CommandConfiguration(
            commandName: kind.rawValue,
            abstract:
                "Open \(kind.displayName) from the data directory in the inspector (fetched and imported on first use).",
            discussion:
                "Takes every option of `batchview inspect`, e.g. batchview \(kind.rawValue) --shuffle --batch-size 64 --images test/images --labels test/labels. "
                + "The data directory is data_dir in ~/.batchview.cfg, else BATCHVIEW_HOME, else BatchUp's settings, else ~/.batchview (see docs/datasets.md)."
        )
    }

    @Argument(parsing: .captureForPassthrough, help: "Options for the inspector.") var inspectorArguments: [String] = []

    func run() throws {
        // Asking for help must not fetch anything.
        if inspectorArguments.contains(where: { $0 == "-h" || $0 == "--help" }) {
            throw CleanExit.helpRequest(Self.self)
        }
        let path = try DatasetStore().hdf5File(for: Dataset.kind)
        let inspect = try InspectCommand.parse([path] + inspectorArguments)
        try inspect.run()
    }
}

/// The standard kinds as root subcommands (`batchview mnist`), for `BatchviewCommand`'s list.
let openStandardDatasetCommands: [ParsableCommand.Type] = standardDatasets.map { $0.openCommand }
