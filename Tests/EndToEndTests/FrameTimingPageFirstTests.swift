import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// `batchview frame DIR --file-batches --timing` on files of 8.3 MB (drawn page first when a key
/// lands before the whole read): no key reads a file on its own path, each page first says
/// when (or whether) the whole batch's frame followed, and the printed screen is the whole batch's.
@Suite struct FrameTimingPageFirstTests {
    /// `batch_K.h5`: `rows` images of 160×180×3 bytes (86,400 a row, 8.3 MB a file), each row
    /// one value, and labels.
    static func writeFile(_ file: Int, rows: Int, in folder: URL) throws {
        let shape = [rows, 160, 180, 3]
        let pixels = (0..<rows).flatMap { row in
            [UInt8](repeating: UInt8((7 * row + 60 * file) % 256), count: 160 * 180 * 3)
        }
        let writer = try HDF5Writer(creating: folder.appendingPathComponent("batch_\(file).h5").path)
        try writer.write(Tensor(shape: shape, scalars: pixels), to: "images")
        try writer.write(Tensor((0..<rows).map { Int64($0 % 10) }), to: "labels")
        try writer.close()
    }

    @Test func keysBackToBackAreDrawnPageFirstAndTheWholeBatchFollows() throws {
        let folder = try FixturePaths.temporaryDirectory("page-first")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = 96
        for file in 0..<3 { try Self.writeFile(file, rows: rows, in: folder) }
        let result = try InspectorBinary.run([
            "frame", folder.path, "--file-batches", "--size", "140x42", "--keys", "n n p n", "--color", "none",
            "--timing",
        ])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.error.split(separator: "\n").map(String.init)
        let perKey = lines.filter { $0.hasPrefix("  ") }
        #expect(perKey.count == 5, "the first frame and four keys: \(result.error)")
        #expect(perKey.first?.contains("(page ") == true, "the first frame is drawn page first")
        for line in perKey {
            #expect(!line.contains("read now"), "a file was read on the key's path: \(line)")
            #expect(["(kept ", "(read ahead ", "(page "].contains { line.contains($0) }, "\(line)")
            if line.contains("(page ") {
                #expect(line.contains(" of \(rows) rows"), "\(line)")
                #expect(
                    line.contains("; page first, whole batch drawn ")
                        || line.contains("; page first, the next key came before the whole batch"), "\(line)")
            }
        }
        if let last = perKey.last, last.contains("(page ") {
            #expect(last.contains("whole batch drawn"), "after the last key the whole batch is drawn: \(last)")
        }
        #expect(result.output.contains("epoch 0  batch 2 of 3"))
        #expect(!result.output.contains("reading "), "the printed screen is the whole batch's")
    }
}
