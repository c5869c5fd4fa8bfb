import Batching
import Testing

@testable import BatchViewCore

/// Samples with NaN or infinite values are flagged in the batch grid (a `!` before the index, red
/// in colour) and counted in the header, not only in the detail view.
@Suite struct NonFiniteFlagTests {
    /// 12 float32 8×8 images, value (i + r + c) / 32; sample 2 has one NaN, 5 one +Inf, 7 one -Inf,
    /// 9 is all NaN.
    static func dataset() -> InspectedDataset {
        var pixels = [Float]()
        for i in 0..<12 { for r in 0..<8 { for c in 0..<8 { pixels.append(Float(i + r + c) / 32) } } }
        pixels[2 * 64 + 10] = .nan
        pixels[5 * 64 + 63] = .infinity
        pixels[7 * 64] = -.infinity
        for j in 0..<64 { pixels[9 * 64 + j] = .nan }
        return InspectedDataset(
            name: "nan.h5", images: Tensor(shape: [12, 8, 8], scalars: pixels),
            labels: Tensor((0..<12).map { Int64($0 % 3) }))
    }

    @Test func findsTheRowsWithNaNOrInfinity() {
        let images = Tensor(shape: [3, 2], scalars: [Float(0), 1, .nan, 2, 3, .infinity])
        #expect(NonFiniteRows.find(in: images) == [1, 2])
        #expect(NonFiniteRows.find(in: Tensor(shape: [2, 2], scalars: [Double(1), 2, 3, -.infinity])) == [1])
        #expect(NonFiniteRows.find(in: Tensor(shape: [2, 2], scalars: [UInt8](repeating: 255, count: 4))) == [])
        #expect(NonFiniteRows.find(in: [images, Tensor(shape: [3, 1], scalars: [Float.nan, 0, 0])]) == [0, 1, 2])
    }

    /// The word-at-a-time scan agrees with `isFinite` element by element, for every row length
    /// (blocks of 32 bytes, single words, an odd float32 at the end) and the awkward values.
    @Test(arguments: 1...41)
    func agreesWithIsFiniteForEveryRowLength(perRow: Int) {
        let awkward: [Double] = [
            .nan, -.nan, .signalingNaN, .infinity, -.infinity, 0, -0.0, 1e-45, 1e-310,
            Double(Float.greatestFiniteMagnitude), -Double(Float.greatestFiniteMagnitude),
            .greatestFiniteMagnitude, 1.5,
        ]
        var random = CounterRandom(seed: UInt64(perRow), purpose: .shuffle)
        let rows = 40
        var values = [Double]()
        for _ in 0..<(rows * perRow) {
            values.append(
                random.nextInt(below: 4) == 0
                    ? awkward[random.nextInt(below: awkward.count)] : Double(random.nextInt(below: 1000)) / 7)
        }
        let floats = values.map { Float($0) }
        let expected32 = (0..<rows).filter { row in
            floats[(row * perRow)..<((row + 1) * perRow)].contains { !$0.isFinite }
        }
        let expected64 = (0..<rows).filter { row in
            values[(row * perRow)..<((row + 1) * perRow)].contains { !$0.isFinite }
        }
        #expect(NonFiniteRows.find(in: Tensor(shape: [rows, perRow], scalars: floats)) == expected32)
        #expect(NonFiniteRows.find(in: Tensor(shape: [rows, perRow], scalars: values)) == expected64)
    }

    @Test func theBatchKnowsItsFlaggedRows() throws {
        let session = try FixtureData.session(Self.dataset(), batchSize: 12, shuffle: false)
        #expect(session.current?.nonFiniteRows == [2, 5, 7, 9])
    }

    @Test func gridCaptionsAreMarkedAndTheHeaderCounts() throws {
        let session = try FixtureData.session(Self.dataset(), batchSize: 12, shuffle: false)
        let text = session.render(width: 100, height: 30).text
        #expect(text.contains("epoch 0  batch 0 of 1  NaN/Inf: 4 of 12 samples"))
        let captions = text.split(separator: "\n").flatMap { line in
            line.prefix(58).split(separator: " ").filter { $0.first == "!" || $0.first == "▸" || Int($0) != nil }
        }
        for index in [2, 5, 7, 9] { #expect(captions.contains("!\(index)"), "sample \(index) is not flagged") }
        for index in [1, 3, 4, 6, 8, 10, 11] { #expect(!captions.contains("!\(index)")) }
        // The selected sample keeps its ▸ and gets the ! after it when flagged.
        for key in Key.parseSequence("l l") { session.handle(key) }
        #expect(session.render(width: 100, height: 30).text.contains("▸!2 2"))
    }

    @Test func flaggedCaptionsAreRedInColour() throws {
        let session = try FixtureData.session(Self.dataset(), batchSize: 12, shuffle: false, colorMode: .palette256)
        let buffer = session.render(width: 100, height: 30)
        let red = Theme(mode: .palette256).flagged
        var flagged = 0
        var plain = 0
        for y in 0..<buffer.height {
            let glyphs = Array(buffer.line(y).unicodeScalars.prefix(58))
            for x in 1..<(glyphs.count - 2) {
                if glyphs[x] == "!" {
                    // The mark and the index after it.
                    #expect(buffer[x, y].pen == red && buffer[x + 1, y].pen == red)
                    flagged += 1
                }
                if glyphs[x - 1] == " ", glyphs[x] == "4", glyphs[x + 1] == " ", glyphs[x + 2] == "1" {
                    #expect(buffer[x, y].pen != red)
                    plain += 1
                }
            }
        }
        #expect(flagged == 4)
        #expect(plain == 1)
    }

    @Test func aCleanBatchSaysNothing() throws {
        let session = try FixtureData.session(FixtureData.nchwFloat(), batchSize: 16)
        let text = session.render(width: 100, height: 30).text
        #expect(!text.contains("NaN/Inf"))
        #expect(session.current?.nonFiniteRows == [])
    }
}
