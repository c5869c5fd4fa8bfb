import ArgumentParser

@main
struct BatchviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batchview",
        abstract: "See what a model is fed: mini-batches from arrays and HDF5 files, batch by batch.",
        subcommands: [OrderCommand.self]
    )
}
