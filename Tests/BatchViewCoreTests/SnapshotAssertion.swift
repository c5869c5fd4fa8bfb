import Foundation
import Testing

/// Compares `text` with the snapshot file `Snapshots/<name>.txt`.
///
/// With `RECORD_SNAPSHOTS=1` the file is (re)written and the test passes; a missing snapshot is
/// written and the test fails, so that a new snapshot is always looked at before it counts.
func assertSnapshot(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation,
    file: String = #filePath
) {
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = folder.appendingPathComponent("\(name).txt")
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if record || existing == nil {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        if !record {
            Issue.record(
                "recorded a new snapshot \(name).txt; look at it and run the tests again",
                sourceLocation: sourceLocation)
        }
        return
    }
    if existing != text {
        let expectedLines = existing!.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference =
            zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        Issue.record(
            """
            frame differs from snapshot \(name).txt at line \(firstDifference + 1) (RECORD_SNAPSHOTS=1 re-records):
            expected: \(firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end>")
            actual:   \(firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end>")
            --- actual frame ---
            \(text)
            """, sourceLocation: sourceLocation)
    }
}
