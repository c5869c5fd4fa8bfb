import Batching
import Testing

@testable import BatchViewCore

@Suite struct ImageResamplerTests {
    @Test func boxFilterAveragesBlocksWhenShrinking() {
        let image = DisplayImage(width: 4, height: 2, channels: 1, values: [0, 1, 0.5, 0.5, 1, 0, 0.25, 0.75])
        let half = image.resampled(width: 2, height: 1)
        #expect(half.values == [0.5, 0.5])
    }

    @Test func boxFilterKeepsTheMeanAtAnyRatio() {
        let values: [Float] = (0..<49).map { Float(($0 * 37) % 11) / 10 }
        let image = DisplayImage(width: 7, height: 7, channels: 1, values: values)
        let small = image.resampled(width: 3, height: 2)
        let mean = values.reduce(0, +) / 49
        let smallMean = small.values.reduce(0, +) / 6
        #expect(abs(mean - smallMean) < 1e-5)
    }

    @Test func nearestNeighbourRepeatsPixelsWhenGrowing() {
        let image = DisplayImage(width: 2, height: 1, channels: 3, values: [1, 0, 0, 0, 0, 1])
        let big = image.resampled(width: 4, height: 2)
        #expect(big.values == [1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1])
    }

    @Test func fittedSizeKeepsTheAspectRatio() {
        #expect(ImagePainter.fittedSize(width: 28, height: 28, columns: 14, rows: 7) == (14, 14))
        #expect(ImagePainter.fittedSize(width: 32, height: 16, columns: 40, rows: 4) == (16, 8))
    }
}

@Suite struct DisplayImageTests {
    @Test func bytesAreDividedBy255AndFloatsClipped() {
        let bytes = Tensor(shape: [1, 1, 2], scalars: [UInt8(0), 255])
        #expect(DisplayImage(RawImage(batch: bytes, row: 0, layout: .nhw), scaling: .fixed).values == [0, 1])
        let floats = Tensor(shape: [1, 1, 3], scalars: [Float(-0.5), 0.25, 3])
        #expect(DisplayImage(RawImage(batch: floats, row: 0, layout: .nhw), scaling: .fixed).values == [0, 0.25, 1])
        #expect(
            DisplayImage(RawImage(batch: floats, row: 0, layout: .nhw), scaling: .stretch).values == [0, 0.75 / 3.5, 1])
    }

    /// The NCHW fixture formula read back in HWC order.
    @Test func channelsFirstIsReorderedToChannelsLast() {
        let dataset = FixtureData.nchwFloat(count: 3)
        let batch = try! dataset.images.gatherRows([2])
        let image = RawImage(batch: batch, row: 0, layout: .nchw)
        #expect(image.width == 16 && image.height == 16 && image.channels == 3)
        for (r, c, ch) in [(0, 0, 0), (5, 7, 2), (15, 15, 1)] {
            #expect(image.value(y: r, x: c, channel: ch) == Float(FixtureData.value(2, r, c, ch)) / 255)
        }
    }

    @Test func otherChannelCountsShowTheSelectedChannel() {
        let four = Tensor(shape: [1, 1, 1, 4], scalars: [UInt8(10), 20, 30, 255])
        let raw = RawImage(batch: four, row: 0, layout: .nhwc)
        #expect(DisplayImage(raw, scaling: .fixed, channel: 3).values == [1])
        #expect(DisplayImage(raw, scaling: .fixed, channel: 9).channels == 1)
    }

    @Test func nanPixelsAreCountedAndDrawnBlack() {
        let floats = Tensor(shape: [1, 1, 4], scalars: [Float.nan, 0.5, .infinity, 1])
        let raw = RawImage(batch: floats, row: 0, layout: .nhw)
        #expect(DisplayImage(raw, scaling: .fixed).values[0] == 0)
        let stats = SampleStatistics.perChannel(raw)[0]
        #expect(stats.nanCount == 1 && stats.infinityCount == 1 && stats.count == 2)
        #expect(stats.minimum == 0.5 && stats.maximum == 1 && stats.mean == 0.75 && stats.standardDeviation == 0.25)
    }
}
