import ArgumentParser

/// `batchview import KIND …`: converts data from other formats into HDF5 files batchview (and
/// h5py) read. Each kind is a subcommand in its own file.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert data into an HDF5 file (images, labels, class names).",
        subcommands: [ImportNpyCommand.self] + standardImportCommands
    )
}
