import Foundation
import TestSupport
import Testing

/// `--forward-only sized|unsized` through the real binary: `frame` steps through the batches as
/// a generator gives them and refuses what needs addresses ahead; `bench` reads the same batches
/// through a forward-only source as through the addressable one.
@Suite struct ForwardOnlyCommandTests {
    static let file = FixturePaths.fixture("mnist_small.h5")

    static func frame(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try InspectorBinary.run(
            ["frame", file, "--batch-size", "16", "--size", "120x30", "--color", "none"] + arguments)
    }

    /// The images of the frame's grid: its rows (the left 70 columns between header and footer)
    /// without the caption rows, whose sample numbers differ — a forward-only source numbers its
    /// samples in the order read; the labels are compared by ``labels(_:)``.
    static func grid(_ frame: String) -> [Substring] {
        rows(frame).filter { !$0.contains(where: \.isNumber) }
    }

    /// The labels in the grid's captions, in order (a caption is `index label`).
    static func labels(_ frame: String) -> [Substring] {
        rows(frame).filter { $0.contains(where: \.isNumber) }.flatMap { row in
            row.split(separator: " ").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        }
    }

    static func rows(_ frame: String) -> [Substring] {
        frame.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(4).prefix(23).map { $0.prefix(70) }
    }

    @Test func framesStepForwardAndBackAsTheAddressableSourceShowsThem() throws {
        let stepped = try Self.frame(["--forward-only", "unsized", "--keys", "n n p"])
        #expect(stepped.status == 0, "\(stepped.error)")
        #expect(stepped.output.contains("batch 1 of ? (until the source ends)  samples 16…31 of the stream"))
        #expect(stepped.output.contains("sampler the source's own order"))
        // The same batch through the addressable source: the same images and labels.
        let addressed = try Self.frame(["--keys", "n"])
        #expect(addressed.output.contains("epoch 0  batch 1 of 32"))
        #expect(Self.grid(stepped.output) == Self.grid(addressed.output))
        #expect(Self.labels(stepped.output) == Self.labels(addressed.output) && !Self.labels(stepped.output).isEmpty)
        let sized = try Self.frame(["--forward-only", "sized", "--shuffle", "--seed", "3", "--keys", "n n"])
        let shuffled = try Self.frame(["--shuffle", "--seed", "3", "--keys", "n n"])
        #expect(sized.output.contains("epoch 0  batch 2 of 32  samples 32…47 of the stream"), "\(sized.output)")
        #expect(Self.grid(sized.output) == Self.grid(shuffled.output))
        #expect(Self.labels(sized.output) == Self.labels(shuffled.output))
    }

    @Test(arguments: [
        ("b", "there is no sampler to switch"), ("s", "shuffling is up to the source"),
        ("y", "there is no resume token"), ("g 5 Enter", "has not been read yet"),
    ])
    func keysThatNeedAddressesAheadAreRefused(keys: String, sentence: String) throws {
        let result = try Self.frame(["--forward-only", "sized", "--keys", keys])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains(sentence), "\(result.output)")
        #expect(result.output.contains("epoch 0  batch 0 of 32"))
    }

    @Test func resumeAndFileBatchesAreRefused() throws {
        let token = try Self.frame(["--keys", "n y"]).output.split(separator: " ").first { $0.hasPrefix("bv2") }
        let resumed = try Self.frame(["--forward-only", "sized", "--resume", String(try #require(token))])
        #expect(resumed.status != 0 && resumed.error.contains("cannot start at a resume token"), "\(resumed.error)")
        let bench = try CommandRunner.run(["bench", Self.file, "--forward-only", "unsized"])
        #expect(bench.status != 0 && bench.standardError.contains("use --forward-only sized"))
    }

    @Test func benchReadsTheSameBatchesForwardOnly() throws {
        let common = ["bench", "--generate", "500x6x6", "--batch-size", "32", "--epochs", "2", "--workers", "2"]
        let addressed = try CommandRunner.run(common)
        let forward = try CommandRunner.run(common + ["--forward-only", "sized"])
        #expect(forward.status == 0, "\(forward.standardError)")
        let records = try [addressed, forward].map {
            try JSONSerialization.jsonObject(with: Data($0.standardOutput.utf8)) as! [String: Any]
        }
        #expect(records[1]["forward_only"] as? String == "sized")
        #expect(records[0]["forward_only"] is NSNull)
        #expect(records[1]["samples"] as? Int == 1000 && records[1]["batches"] as? Int == 32)
        #expect(records[0]["checksum"] as? Double == records[1]["checksum"] as? Double)
    }
}
