import ArgumentParser
import BatchViewCore
import BatchViewTerminal
import Foundation

/// `batchview [FILE|DIR]`: the full-screen inspector (the default command).
///
/// When stdout is not a terminal, or `TERM` is unset, dumb or unknown, it prints one frame as
/// text and exits 0.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Step through epochs and batches in the terminal (the default command).",
        discussion: """
            Keys: n/→/Space next batch, p/← previous, N/P epoch, g go to, / find a sample, Enter detail, t transforms, \
            a raw/augmented, s shuffle, b sampler, r run, y resume token, +/- zoom, c colour, Tab focus, 1…5 panes, \
            ? help, q quit (Ctrl-C: exit 130). While a python stage's call runs long the last line says so; Esc \
            cancels it and shows the raw batch.
            Example: batchview data/train.h5 --shuffle --sampler balanced --batch-size 32
            One file per batch, as the Kaggle feeder reads a folder: batchview contents/train --file-batches --shuffle
            """
    )

    @OptionGroup var options: InspectorOptions

    @Option(
        help: ArgumentHelp(
            "Colours: none, 256 or truecolor (default: what the terminal says it can).", valueName: "MODE"))
    var color: ColorChoice?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let mode = color?.mode ?? ColorMode.detect(environment: environment)
        let session = try options.session(colorMode: mode, environment: .live())
        switch TerminalApp.run(session, environment: environment) {
        case .quit, .printedFrame: return
        case .signal(let signal): throw ExitCode(128 + signal)
        }
    }
}
