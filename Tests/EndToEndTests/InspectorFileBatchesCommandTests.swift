import Foundation
import TestSupport
import Testing

/// `batchview DIR --file-batches` and `batchview frame DIR --file-batches` through the real
/// binary: the header names the file, the detail view the file and row, options that cut
/// batches by samples are refused, and a real terminal (tmux) steps across files.
@Suite(.serialized) struct InspectorFileBatchesCommandTests {
    static let folder = FixturePaths.fixture("kaggle_dir")

    static func frame(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try InspectorBinary.run(["frame", folder, "--file-batches", "--size", "120x30", "--color", "none"] + arguments)
    }

    @Test func framesStepAcrossFilesAndTheDetailViewNamesFileAndRow() throws {
        let first = try Self.frame([])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("epoch 0  batch 0 of 4  file batch_0.h5  samples 0…49"))
        let stepped = try Self.frame(["--keys", "n n n n p"])
        #expect(stepped.output.contains("epoch 0  batch 3 of 4  file batch_3.h5  samples 145…189"))
        // Sample 52 is row 2 of batch_1.h5.
        let detail = try Self.frame(["--keys", "n l l Enter"])
        #expect(detail.output.contains("sample 52 · label 2 · batch row 2 · batch_1.h5 row 2"), "\(detail.output)")
        // With --preprocess the file batch is cropped.
        let cropped = try Self.frame(["--preprocess", "crop:16", "--keys", "Enter"])
        #expect(cropped.status == 0, "\(cropped.error)")
        #expect(cropped.output.contains("augmented 16×16"))
    }

    @Test func shuffleNamesTheShuffledFile() throws {
        // The same file order `dump --file-batches` reads: its indices.npy is the file's samples.
        let shown = try Self.frame(["--shuffle", "--seed", "7", "--keys", "n"])
        #expect(shown.status == 0, "\(shown.error)")
        let folder = try FixturePaths.temporaryDirectory("file-batches-dump")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dump = try InspectorBinary.run([
            "dump", Self.folder, "--file-batches", "--shuffle", "--seed", "7", "--epoch", "0",
            "--batch", "1", "-o", folder.path,
        ])
        #expect(dump.status == 0, "\(dump.error)")
        let samples = dump.error.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        let names = ["batch_0.h5": 50, "batch_1.h5": 48, "batch_2.h5": 47, "batch_3.h5": 45]
        let line = shown.output.split(separator: "\n").first { $0.contains("batch 1 of 4") }.map(String.init) ?? ""
        let file = names.keys.first { line.contains("file \($0)") }
        #expect(file.map { names[$0] } == samples, "\(line) / \(dump.error)")
    }

    @Test(arguments: [
        ["--batch-size", "8"], ["--sampler", "balanced", "--shuffle"], ["--subset", "0:10"], ["--repeats", "2"],
        ["--drop-last"], ["--shard", "0/2"], ["--batch-size=8"], ["--shuffle", "chunks"],
    ])
    func optionsThatCutBatchesBySamplesAreRefused(options: [String]) throws {
        let result = try Self.frame(options)
        #expect(result.status == 1)
        let option = options[0].split(separator: "=")[0] + (options == ["--shuffle", "chunks"] ? " chunks" : "")
        #expect(result.error.contains("\(option) does not apply with --file-batches"), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.output.isEmpty)
    }

    @Test func aSingleFileIsOneBatchPerEpoch() throws {
        let result = try InspectorBinary.run([
            "frame", FixturePaths.fixture("kaggle_dir/batch_2.h5"), "--file-batches", "--size", "120x30",
            "--color", "none", "--keys", "n",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("epoch 1  batch 0 of 1  file batch_2.h5  samples 0…46"))
    }

    /// On a real terminal: open the folder, step to the next file and back, quit cleanly.
    @Test func stepsThroughFilesInTmux() throws {
        let tmux = try TmuxSession(
            command: InspectorBinary.commandLine([Self.folder, "--file-batches"]), width: 120, height: 30)
        let first = try tmux.waitFor(text: "batch 0 of 4  file batch_0.h5  samples 0…49")
        #expect(first.contains("sampler none (a file a batch)") && first.contains("batch a file"))
        try tmux.send("n")
        try tmux.waitFor(text: "batch 1 of 4  file batch_1.h5  samples 50…97")
        try tmux.send("n")
        try tmux.waitFor(text: "batch 2 of 4  file batch_2.h5  samples 98…144")
        try tmux.send("p")
        try tmux.waitFor(text: "batch 1 of 4  file batch_1.h5  samples 50…97")
        try tmux.send("N")
        try tmux.waitFor(text: "epoch 1  batch 0 of 4  file batch_0.h5")
        try tmux.send("q")
        #expect(try tmux.waitForExit().status == 0)
    }
}
