import ArgumentParser
import BatchingHDF5
import Foundation

/// `batchview info PATH`: the groups and datasets of an HDF5 file (or each file of a folder) —
/// shape, dtype, layout, chunks, filters, attributes, links — and which datasets were picked as
/// images and labels, and why.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe an HDF5 file or folder: groups, datasets, attributes, and what batchview picks.",
        discussion: """
            A file that opens but cannot be iterated (no images, a dataset it cannot read, a broken \
            link …) is still described on stdout, as text or as JSON without "picked"; the reason is \
            one sentence on stderr and the exit status is 1. A path that cannot be opened at all \
            (missing, not HDF5, truncated) prints nothing on stdout, the sentence on stderr, exit 1.
            Example: batchview info Assets/digits.h5 --json
            """
    )

    @Argument(help: "An HDF5 file, a folder of .h5 batch files, or a glob.")
    var path: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var source: SourceOptions

    func run() throws {
        let folder = try BatchFolder(path: path)
        var opened: HDF5Source?
        var failure: Error?
        do {
            opened = try source.open(path)
        } catch {
            failure = error
        }
        let report = InfoReport(folder: folder, source: opened, deflate: source.deflate)
        let output = BufferedOutput()
        output.write(json ? try report.json() : report.text().withVisibleControlCharacters)
        output.flush()
        // The reason it cannot be iterated is said once, on stderr, by the caller.
        if let failure { throw failure }
    }
}
