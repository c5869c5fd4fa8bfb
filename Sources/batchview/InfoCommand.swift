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
        discussion: "Example: batchview info Assets/digits.h5 --json"
    )

    @Argument(help: "An HDF5 file, a folder of .h5 batch files, or a glob.")
    var path: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var source: SourceOptions

    func run() throws {
        let folder = try BatchFolder(path: path)
        let report: InfoReport
        var failure: Error?
        do {
            let opened = try source.open(path)
            report = InfoReport(folder: folder, source: opened, problem: nil)
        } catch {
            failure = error
            report = InfoReport(folder: folder, source: nil, problem: "\(error)")
        }
        let output = BufferedOutput()
        output.write(json ? try report.json() : report.text().withVisibleControlCharacters)
        output.flush()
        if let failure { throw failure }
    }
}
