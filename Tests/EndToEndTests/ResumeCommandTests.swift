import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// `--resume TOKEN`: a token the inspector's `y` shows starts `order`, `dump`, `bench`, `frame`
/// and the inspector at its batch, and a token from other options is refused naming them.
@Suite struct ResumeCommandTests {
    let fixture = FixturePaths.fixture("mnist_small.h5")
    /// 500 samples in batches of 8: 63 batches an epoch, the last of 4.
    let flags = ["--shuffle", "--seed", "7", "--batch-size", "8", "--epochs", "2"]

    func run(_ arguments: [String]) throws -> CommandRunner.Result {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        return result
    }

    /// The token `y` shows at epoch 1, batch 3.
    func token() throws -> String {
        let frame = try run(["frame", fixture] + flags + ["--size", "120x30", "--keys", "N n n n y"]).standardOutput
        let match = try #require(frame.firstMatch(of: /bv2:[0-9a-f:-]+/))
        return String(match.output)
    }

    /// `order`'s lines as (epoch, batch, indices).
    func orderLines(_ arguments: [String]) throws -> [(epoch: Int, batch: Int, indices: [Int])] {
        try run(["order", fixture] + arguments).standardOutput.split(separator: "\n").map { line in
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (object["epoch"] as! Int, object["batch"] as! Int, object["indices"] as! [Int])
        }
    }

    /// The indices of epoch 1 batch 3, from a whole `order` run without a token.
    func expectedIndices() throws -> [Int] {
        try #require(try orderLines(flags).first { $0.epoch == 1 && $0.batch == 3 }).indices
    }

    /// The sample indices of the grid's first row on a 200×60 frame (each caption is
    /// `INDEX LABEL`).
    func gridIndices(_ output: String) throws -> [Int] {
        let line = try #require(output.split(separator: "\n").first { $0.contains("▸") })
        let numbers = line.prefix(while: { $0 != "─" }).split(separator: " ").compactMap {
            Int($0.replacingOccurrences(of: "▸", with: ""))
        }
        return numbers.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).prefix(8).map { $0 }
    }

    @Test func orderStartsAtTheTokensBatchAndRunsToItsEnd() throws {
        let token = try token()
        let lines = try orderLines(flags + ["--resume", token])
        #expect(lines.first.map { [$0.epoch, $0.batch] } == [1, 3])
        #expect(lines.count == 60, "batches 3…62 of epoch 1")
        #expect(lines.first?.indices == (try expectedIndices()))
        let withoutEpochs = try orderLines(flags.dropLast(2) + ["--resume", token])
        #expect(withoutEpochs.count == 60, "the token carries the end of its run (--epochs 2)")
    }

    @Test func frameAndTheInspectorShowTheTokensBatch() throws {
        let token = try token()
        let expected = try expectedIndices()
        let frame = try run(["frame", fixture] + flags + ["--resume", token, "--size", "200x60"]).standardOutput
        #expect(frame.contains("epoch 1"))
        #expect(try gridIndices(frame) == expected)
        let inspector = try CommandRunner.run(
            [fixture] + flags + ["--resume", token], environment: ["COLUMNS": "200", "LINES": "60", "TERM": "dumb"])
        #expect(try gridIndices(inspector.standardOutput) == expected)
    }

    @Test func dumpWritesTheTokensBatch() throws {
        let folder = try FixturePaths.temporaryDirectory("dump-resume")
        _ = try run(["dump", fixture] + flags + ["--resume", try token(), "-o", folder.path])
        let indices = try NumpyFile.read(folder.appendingPathComponent("indices.npy").path)
        #expect(indices.integerScalars() == (try expectedIndices()))
    }

    @Test func benchRunsFromTheTokensBatch() throws {
        let output = try run(["bench", fixture] + flags + ["--resume", try token()]).standardOutput
        let record = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(record["batches"] as? Int == 60)
        #expect(record["samples"] as? Int == 59 * 8 + 4)
    }

    @Test func aTokenFromOtherOptionsIsRefusedNamingThem() throws {
        let token = try token()
        let other = ["--shuffle", "--seed", "8", "--batch-size", "16", "--epochs", "2", "--resume", token]
        for command in [["order", fixture], ["frame", fixture], ["bench", fixture]] {
            let result = try CommandRunner.run(command + other)
            #expect(result.status == 1)
            #expect(
                result.standardError.contains(
                    "the resume token cannot be used: it was made with another --batch-size and --seed than this run's"
                ), "\(command[0]): \(result.standardError)")
        }
    }
}
