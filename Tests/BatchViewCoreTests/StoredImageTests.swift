import Batching
import Testing

@testable import BatchViewCore

/// Drawing a sample straight from its stored rows gives the cells the full-size path gives
/// (`RawImage` widened to float, mapped, resampled), value for value, and the fixture formula's
/// block averages.
@Suite struct StoredImageTests {
    /// Sizes that shrink at whole and fractional ratios, keep, grow, and mix both.
    static let sizes = [(1, 1), (3, 2), (5, 7), (14, 14), (16, 16), (20, 9), (28, 28), (33, 40), (64, 64)]

    static func expectSameCells(_ tensor: Tensor, layout: ImageLayout, channel: Int = 0) {
        for row in [0, tensor.rowCount - 1] {
            for scaling in [IntensityScaling.fixed, .stretch] {
                let stored = StoredImage(batch: tensor, row: row, layout: layout, scaling: scaling, channel: channel)
                let full = DisplayImage(
                    RawImage(batch: tensor, row: row, layout: layout), scaling: scaling, channel: channel)
                #expect(stored.width == full.width && stored.height == full.height && stored.channels == full.channels)
                for (width, height) in sizes {
                    let direct = stored.displayed(width: width, height: height)
                    #expect(
                        direct == full.resampled(width: width, height: height),
                        "\(tensor.dtype) \(layout) row \(row) \(scaling) channel \(channel) at \(width)×\(height)")
                }
            }
        }
    }

    @Test func fixturesDrawTheSameCellsAsTheFullSizePath() throws {
        let rows = [0, 1, 2]
        Self.expectSameCells(try FixtureData.mnistSmall(count: 3).images.gatherRows(rows), layout: .nhw)
        Self.expectSameCells(try FixtureData.rgb(count: 3).images.gatherRows(rows), layout: .nhwc)
        Self.expectSameCells(try FixtureData.nchwFloat(count: 3).images.gatherRows(rows), layout: .nchw)
        Self.expectSameCells(try FixtureData.imbalanced().images.gatherRows(rows), layout: .nhwc)
    }

    @Test func otherChannelCountsTypesAndNonFiniteValuesDrawTheSameCells() {
        // Two channels (one is shown, in grey), channels first and last.
        let twoChannels = (0..<(2 * 2 * 9 * 11)).map { (i: Int) -> Float in Float((i * 37) % 101) - 50 }
        for channel in [0, 1, 5] {
            Self.expectSameCells(Tensor(shape: [2, 9, 11, 2], scalars: twoChannels), layout: .nhwc, channel: channel)
            Self.expectSameCells(Tensor(shape: [2, 2, 9, 11], scalars: twoChannels), layout: .nchw, channel: channel)
        }
        // NaN and infinities (NaN black, the stretch over the finite values only).
        var special = (0..<(2 * 10 * 10)).map { Float($0) / 7 - Float(3) }
        special[5] = .nan
        special[17] = .infinity
        special[130] = -.infinity
        Self.expectSameCells(Tensor(shape: [2, 10, 10], scalars: special), layout: .nhw)
        // A constant image, integers that are stretched or divided by their maximum, a time series.
        Self.expectSameCells(Tensor(shape: [2, 6, 6], scalars: [Float](repeating: 4, count: 72)), layout: .nhw)
        Self.expectSameCells(
            Tensor(shape: [2, 5, 8], scalars: (0..<80).map { (i: Int) -> Int16 in Int16(i * 97 % 300 - 150) }),
            layout: .nhw)
        Self.expectSameCells(
            Tensor(shape: [2, 5, 8], scalars: (0..<80).map { (i: Int) -> UInt16 in UInt16(i * 811) }), layout: .nhw)
        Self.expectSameCells(
            Tensor(shape: [2, 30, 4], scalars: (0..<240).map { (i: Int) -> Float in Float(i % 13) }), layout: .ntc)
    }

    @Test func halvingAFixtureAveragesEachTwoByTwoBlockOfTheFormula() throws {
        let images = try FixtureData.rgb(count: 4).images.gatherRows([0, 1, 2, 3])
        let cells = StoredImage(batch: images, row: 3, layout: .nhwc, scaling: .fixed, channel: nil)
            .displayed(width: 16, height: 16)
        for y in 0..<16 {
            for x in 0..<16 {
                for ch in 0..<3 {
                    var sum = 0.0
                    for (dy, dx) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                        sum += Double(FixtureData.value(3, 2 * y + dy, 2 * x + dx, ch)) / 255
                    }
                    let mean = sum / 4
                    #expect(abs(Double(cells.value(x: x, y: y, channel: ch)) - mean) < 1e-5)
                }
            }
        }
    }
}
