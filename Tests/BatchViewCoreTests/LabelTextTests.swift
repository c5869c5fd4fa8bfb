import Batching
import Testing

@testable import BatchViewCore

/// How labels read on screen: long class names shortened with `…` in the grid and whole in the
/// detail view; labels that are not class numbers (regression targets) as compact values.
@Suite struct LabelTextTests {
    static let longName = "Pembroke Welsh Corgi from the royal household"

    /// 30 grey 16×16 images with labels i % 3 and three class names, the first very long.
    static func longNames() -> InspectedDataset {
        let images = Tensor(shape: [30, 16, 16], scalars: (0..<(30 * 256)).map { UInt8($0 % 251) })
        return InspectedDataset(
            name: "dogs.h5", images: images, labels: Tensor((0..<30).map { Int64($0 % 3) }),
            classNames: [longName, "cat", "Greater Swiss Mountain Dog"])
    }

    /// 8 images whose labels are regression targets.
    static let targets: [Float] = [0.5, 0.00125, 3, -2.75, 123_456, 1e-7, 0.1, 1e9]
    static func regression() -> InspectedDataset {
        let images = Tensor(shape: [8, 16, 16], scalars: [UInt8](repeating: 90, count: 8 * 256))
        return InspectedDataset(name: "reg.h5", images: images, labels: Tensor(targets))
    }

    @Test func shortenedKeepsTheStartAndMarksTheCut() {
        #expect(ScreenBuffer.shortened("Pembroke Welsh Corgi", to: 8) == "Pembrok…")
        #expect(ScreenBuffer.shortened("cat", to: 8) == "cat")
        #expect(ScreenBuffer.shortened("exactly8", to: 8) == "exactly8")
        #expect(ScreenBuffer.shortened("Greater Swiss", to: 9) == "Greater…")
        #expect(ScreenBuffer.shortened("abc", to: 1) == "…")
        #expect(ScreenBuffer.shortened("abc", to: 0) == "")
        // An ESC is shown as \e (two columns), and counted so.
        #expect(ScreenBuffer.shortened("a\u{1B}bcdef", to: 5) == "a\u{1B}b…")
    }

    @Test func compactValuesAsDocumented() {
        #expect(LabelValueFormat.compact(0.5) == "0.5")
        #expect(LabelValueFormat.compact(0.00125) == "1.25e-3")
        #expect(LabelValueFormat.compact(1e9) == "1e9")
        #expect(LabelValueFormat.compact(-2.75) == "-2.75")
        #expect(LabelValueFormat.compact(3) == "3")
        #expect(LabelValueFormat.compact(123_456) == "123456")
        #expect(LabelValueFormat.compact(Double(Float(0.1))) == "0.1")
        #expect(LabelValueFormat.compact(9.99996) == "10")
        #expect(LabelValueFormat.compact(3.14159, significantDigits: 3) == "3.14")
        #expect(LabelValueFormat.compact(.nan) == "NaN")
        // Fitting a width: fewer digits, then an exponent, never a cut that changes the number.
        #expect(LabelValueFormat.compact(123_456, fitting: 5) == "1.2e5")
        #expect(LabelValueFormat.compact(0.00125, fitting: 6) == "1.3e-3")
        #expect(LabelValueFormat.compact(1_000_000_000_000, fitting: 4) == "1e12")
    }

    @Test func longClassNamesAreShortenedInTheGrid() throws {
        let session = try FixtureData.session(Self.longNames(), batchSize: 24, shuffle: false)
        let grid = session.render(width: 100, height: 30).text.split(separator: "\n").map { $0.prefix(58) }.joined(
            separator: "\n")
        // Tiles are 8 columns: "▸0 Pemb…", " 1 cat", " 2 Grea…".
        #expect(grid.contains("▸0 Pemb…"))
        #expect(grid.contains(" 1 cat "))
        #expect(grid.contains(" 2 Grea…"))
        #expect(grid.contains(" 12 Pem…"))
        #expect(!grid.contains("Pembr "))
        // A bigger zoom keeps more of the name.
        for _ in 0..<2 { session.handle(.character("+")) }
        let wider = session.render(width: 100, height: 30).text
        #expect(wider.contains("▸0 Pembroke…"))
    }

    @Test func theDetailViewShowsTheWholeName() throws {
        let session = try FixtureData.session(Self.longNames(), batchSize: 24, shuffle: false)
        session.handle(.enter)
        #expect(
            session.render(width: 100, height: 30).text.contains(
                "sample 0 · label \(Self.longName) (0) · batch row 0 · dogs.h5 row 0"))
        // When the title line cannot hold it, the name gets a line of its own.
        let lines = session.render(width: 64, height: 30).text.split(separator: "\n")
        #expect(lines[3].hasPrefix("─ sample 0 · batch row 0 · dogs.h5 row 0 ─"))
        #expect(lines[4] == "label \(Self.longName) (0)")
        // A short name stays on the title line.
        for key in Key.parseSequence("Esc l Enter") { session.handle(key) }
        #expect(session.render(width: 100, height: 30).text.contains("sample 1 · label cat (1) · batch row 1"))
        // On a narrow screen the name wraps over lines of its own rather than being cut.
        for key in Key.parseSequence("Esc h Enter") { session.handle(key) }
        let narrow = session.render(width: 50, height: 30).text
        let words = narrow.split(whereSeparator: { $0 == " " || $0 == "\n" })
        for word in Self.longName.split(separator: " ") { #expect(words.contains(word)) }
    }

    @Test func fractionalLabelsAreShownAsValues() throws {
        let session = try FixtureData.session(Self.regression(), batchSize: 8, shuffle: false)
        #expect(session.labelText(row: 0) == "0.5")
        #expect(session.labelText(row: 1) == "1.25e-3")
        #expect(session.labelText(row: 4) == "123456")
        #expect(session.labelText(row: 7) == "1e9")
        let text = session.render(width: 100, height: 30).text
        for caption in ["▸0 0.5", " 1 1e-3", " 2 3", " 3 -2.75", " 4 1.2e5", " 5 1e-7", " 6 0.1", " 7 1e9"] {
            #expect(text.contains(caption), "no caption \(caption)")
        }
        // The class-balance pane says why there is no chart.
        #expect(session.labelSummary.note == "the labels are values (-2.75 to 1e9), not classes: nothing to chart")
        let pane = session.render(width: 100, height: 30).text.split(separator: "\n").map { $0.dropFirst(61) }
        #expect(pane[4...5] == ["the labels are values (-2.75 to 1e9),", "not classes: nothing to chart"])
        // The detail view gives the value with more digits.
        for key in Key.parseSequence("l Enter") { session.handle(key) }
        #expect(session.render(width: 100, height: 30).text.contains("sample 1 · label 1.25e-3 · batch row 1"))
        // No balanced sampler is offered for values.
        #expect(session.availableSamplers == [.uniform])
    }

    @Test func wholeValuedBatchesOfFractionalLabelsStillShowValues() throws {
        let images = Tensor(shape: [4, 4, 4], scalars: [UInt8](repeating: 7, count: 64))
        let dataset = InspectedDataset(name: "reg.h5", images: images, labels: Tensor([Float(1), 2, 3, 0.5]))
        let session = try FixtureData.session(dataset, batchSize: 2, shuffle: false)
        // Batch 0 holds 1 and 2, whole numbers, but the labels are not classes.
        #expect(session.labelText(row: 0) == "1")
        #expect(session.labelText(row: 1) == "2")
        session.handle(.character("n"))
        #expect(session.labelText(row: 1) == "0.5")
    }
}
