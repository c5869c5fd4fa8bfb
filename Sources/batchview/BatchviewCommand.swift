import ArgumentParser
import Foundation

@main
struct BatchviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batchview",
        abstract: "See what a model is fed: mini-batches from arrays and HDF5 files, batch by batch.",
        subcommands: [
            InspectCommand.self, FrameCommand.self, OrderCommand.self, InfoCommand.self, DumpCommand.self,
            ImportCommand.self, BenchCommand.self, DiffCommand.self,
        ] + openStandardDatasetCommands,
        defaultSubcommand: InspectCommand.self
    )

    static func main() {
        let arguments = IterationOptions.normalisingShuffleSpellings(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // A wrong value gets its sentence alone, like every other error; no usage dump.
            if let message = ValidationFailure.message(in: error) {
                FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            exit(withError: error)
        }
    }
}
