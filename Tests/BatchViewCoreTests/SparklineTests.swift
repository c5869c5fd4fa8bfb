import Testing

@testable import BatchViewCore

@Suite struct SparklineTests {
    @Test func twoValuesPerCellRisingFromTheBottom() {
        // Left column empty, right column full: dots 4, 5, 6, 8.
        #expect(Sparkline.lines([0, 4], width: 1, maximum: 4) == ["\u{28B8}"])
        // Left one dot (dot 7), right two dots (dots 8 and 6).
        #expect(Sparkline.lines([1, 2], width: 1, maximum: 4) == ["\u{28E0}"])
        #expect(Sparkline.lines([4, 4], width: 1, maximum: 4) == ["⣿"])
    }

    @Test func tallGraphsSplitDotsAcrossRowsAndOldValuesAreBlank() {
        let lines = Sparkline.lines([8, 8], width: 2, rows: 2, maximum: 8)
        #expect(lines == ["\u{2800}⣿", "\u{2800}⣿"])
        let half = Sparkline.lines([4], width: 1, rows: 2, maximum: 8)
        #expect(half == ["\u{2800}", "\u{28B8}"])
    }

    @Test func positiveValuesShowAtLeastOneDot() {
        #expect(Sparkline.lines([0.001, 100], width: 1) == ["\u{28F8}"])
    }
}

@Suite struct HistogramTests {
    @Test func barsHaveEighthPrecision() {
        #expect(Histogram.bar(fraction: 0.5, width: 4) == "██  ")
        #expect(Histogram.bar(fraction: 0.3, width: 4) == "█▎  ") // 9.6 eighths → 10
        #expect(Histogram.bar(fraction: 1.0 / 64, width: 4) == "▏   ")
        #expect(Histogram.bar(fraction: 0, width: 3) == "   ")
        #expect(Histogram.bar(fraction: 2, width: 2) == "██")
    }

    @Test func countsAndShares() {
        #expect(Histogram.counts([0, 2, 2, 5, -1], classCount: 3) == [1, 0, 2])
        #expect(Histogram.shares([1, 3]) == [0.25, 0.75])
        #expect(Histogram.shares([0, 0]) == [0, 0])
    }
}
