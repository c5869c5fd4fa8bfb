import Foundation
import TestSupport
import Testing

/// `v`'s cursor from `frame --keys` on the bundled imbalanced shapes: the tenth never-visited
/// sample (counted from `order`'s batches of the same 3 epochs) is picked on the list's second
/// page, and Enter shows it with the label and pixels h5py reads for that index.
@Suite struct CoverageCursorTests {
    @Test func enterShowsTheNeverVisitedSampleUnderTheCursor() throws {
        let file = FixturePaths.packageRoot.appendingPathComponent("Assets/shapes_imbalanced.h5").path
        let flags = ["--sampler", "balanced", "--shuffle", "--epochs", "3"]
        let order = try CommandRunner.run(["order", file] + flags).standardOutput
        var visited = Set<Int>()
        for line in order.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            visited.formUnion(try #require(object["indices"] as? [Int]))
        }
        let never = (0..<764).filter { !visited.contains($0) }
        try #require(never.count > 9)
        let keys = "v " + Array(repeating: "l", count: 9).joined(separator: " ")
        let list = try CommandRunner.run(["frame", file] + flags + ["--size", "80x24", "--keys", keys])
        #expect(list.standardOutput.contains("— … " + never[8..<16].map(String.init).joined(separator: " ")))
        let shown = try CommandRunner.run(["frame", file] + flags + ["--size", "80x24", "--keys", keys + " Enter"])
        #expect(shown.status == 0, "\(shown.standardError)")
        let index = never[9]
        let truth = try Python.run(
            """
            import sys, h5py
            f = h5py.File(sys.argv[1], 'r')
            i = int(sys.argv[2])
            name = f.attrs['class_names'][f['labels'][i]].decode()
            image = f['images'][i]
            print(name, int(f['labels'][i]), int(image[..., 0].min()), int(image[..., 0].max()))
            """, arguments: [file, String(index)])
        let fields = truth.standardOutput.split(separator: " ").map(String.init)
        try #require(fields.count == 4, "\(truth.combinedOutput)")
        let text = shown.standardOutput
        #expect(text.contains("sample \(index) · label \(fields[0]) (\(fields[1])) · in no batch"))
        let channel0 = text.split(separator: "\n").first { $0.hasPrefix("      0 ") }
        let cells = try #require(channel0).split(separator: " ").map(String.init)
        #expect(cells.count >= 3 && cells[1] == fields[2] && cells[2] == fields[3].trimmingCharacters(in: .newlines))
    }
}
