import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// The real binary on files that hold awkward data: float32 images with NaN and infinite values,
/// class names too long for a caption, and labels that are regression targets.
@Suite struct InspectorEndToEndDataTests {
    /// Writes a file in a fresh temporary folder with 16 images of 8×8 and `labels`.
    static func file(_ name: String, images: Tensor, labels: Tensor, classNames: [String]? = nil) throws -> (
        path: String, folder: URL
    ) {
        let folder = try FixturePaths.temporaryDirectory("inspector-data")
        let path = folder.appendingPathComponent(name).path
        let writer = try HDF5Writer(creating: path)
        try writer.write(images, to: "images")
        try writer.write(labels, to: "labels")
        if let classNames { try writer.setAttribute("class_names", strings: classNames, on: "/") }
        try writer.close()
        return (path, folder)
    }

    static func frame(_ path: String, _ flags: [String]) throws -> (status: Int32, output: String, error: String) {
        try InspectorBinary.run(["frame", path, "--size", "100x30", "--batch-size", "16"] + flags)
    }

    @Test func nanAndInfinitySamplesAreFlaggedInTheGrid() throws {
        var pixels = (0..<(16 * 64)).map { Float($0 % 64) / 64 }
        pixels[3 * 64 + 5] = .nan
        pixels[6 * 64] = .infinity
        pixels[11 * 64 + 63] = -.infinity
        let (path, folder) = try Self.file(
            "nan.h5", images: Tensor(shape: [16, 8, 8], scalars: pixels),
            labels: Tensor((0..<16).map { Int64($0 % 4) }))
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try Self.frame(path, ["--color", "none"])
        #expect(plain.status == 0, "\(plain.error)")
        #expect(plain.output.contains("epoch 0  batch 0 of 1  NaN/Inf: 3 of 16 samples"))
        let grid = plain.output.split(separator: "\n").map { $0.prefix(58) }.joined(separator: " ")
        let captions = grid.split(separator: " ").filter { $0.hasPrefix("!") }
        #expect(captions.sorted() == ["!11", "!3", "!6"])
        // In colour the flagged captions are red (xterm colour 9), bold.
        let colour = try Self.frame(path, ["--color", "256"])
        #expect(colour.output.contains("38;5;9m !3 3"))
        #expect(colour.output.contains("38;5;9m !6 2"))
        // The detail view of sample 3 counts its NaN.
        let detail = try Self.frame(path, ["--color", "none", "--keys", "l l l Enter"])
        #expect(detail.output.contains("sample 3 · label 3"))
        #expect(detail.output.split(separator: "\n").contains { $0.hasPrefix("raw ") && $0.hasSuffix("     1      0") })
    }

    /// Rows of rank 4 ([planes, H, W, C]) are shown as their first image plane, channels last, in
    /// the grid and in the detail view alike (the detail view used to stop the program).
    @Test func rowsOfRankFourShowTheirFirstImagePlane() throws {
        // Plane 0 of every sample is 100, plane 1 is 200: the detail view's range is plane 0's.
        let plane = 8 * 8 * 3
        let pixels = (0..<16).flatMap { _ in
            [UInt8](repeating: 100, count: plane) + [UInt8](repeating: 200, count: plane)
        }
        let (path, folder) = try Self.file(
            "planes.h5", images: Tensor(shape: [16, 2, 8, 8, 3], scalars: pixels),
            labels: Tensor((0..<16).map { Int64($0 % 4) }))
        defer { try? FileManager.default.removeItem(at: folder) }
        let grid = try Self.frame(path, ["--color", "none"])
        #expect(grid.status == 0, "\(grid.error)")
        #expect(!grid.output.contains("ch 0/"), "three channels are colour, not a channel to pick")
        let detail = try Self.frame(path, ["--color", "none", "--keys", "Enter"])
        #expect(detail.status == 0, "\(detail.error)")
        #expect(detail.output.contains("sample 0 · label 0"))
        // Three channels, each of plane 0 alone: min, max and mean 100 (plane 1's 200 would show).
        // The rows of the statistics table: a channel, then min, max, mean, std, NaN and Inf.
        let statistics: [[Substring]] = detail.output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").suffix(7)
            return fields.count == 7 && fields.allSatisfy { Int($0) != nil } ? Array(fields) : nil
        }
        #expect(statistics.count == 3, "\(detail.output)")
        #expect(statistics.allSatisfy { $0[1...3] == ["100", "100", "100"] }, "\(detail.output)")
    }

    @Test func longClassNamesAreShortenedInCaptionsAndWholeInTheDetailView() throws {
        let long = "Pembroke Welsh Corgi from the royal household"
        let (path, folder) = try Self.file(
            "dogs.h5", images: Tensor(shape: [16, 8, 8], scalars: [UInt8](repeating: 128, count: 16 * 64)),
            labels: Tensor((0..<16).map { Int64($0 % 2) }), classNames: [long, "cat"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let grid = try Self.frame(path, ["--color", "none"])
        #expect(grid.status == 0, "\(grid.error)")
        #expect(grid.output.contains("▸0 Pemb…"))
        #expect(grid.output.contains(" 1 cat"))
        let detail = try Self.frame(path, ["--color", "none", "--keys", "Enter"])
        #expect(detail.output.contains("label \(long) (0)"))
    }

    @Test func regressionTargetsAreShownAsValues() throws {
        let targets: [Float] = [0.5, 0.00125, 3, -2.75] + Array(repeating: 1.5, count: 12)
        let (path, folder) = try Self.file(
            "targets.h5", images: Tensor(shape: [16, 8, 8], scalars: [UInt8](repeating: 9, count: 16 * 64)),
            labels: Tensor(targets))
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.frame(path, ["--color", "none"])
        #expect(result.status == 0, "\(result.error)")
        for caption in ["▸0 0.5", " 1 1e-3", " 2 3", " 3 -2.75", " 4 1.5"] { #expect(result.output.contains(caption)) }
        // The class-balance pane (the right column) says why there is no chart.
        let pane = result.output.split(separator: "\n").map { $0.dropFirst(61) }.joined(separator: " ")
        #expect(
            pane.split(separator: " ").joined(separator: " ").contains(
                "the labels are values (-2.75 to 3), not classes: nothing to chart"))
        let detail = try Self.frame(path, ["--color", "none", "--keys", "l Enter"])
        #expect(detail.output.contains("sample 1 · label 1.25e-3 · batch row 1"))
    }
}
