import Testing

@testable import Batching

@Suite struct PreprocessingAugmentationTests {
    func rawSlice(_ source: ArrayDataSource, batchSize: Int, epoch: Int = 0, batch: Int = 0, seed: UInt64 = 9) throws
        -> BatchSlice
    {
        try BatchSlice(
            batch: try source.batch(at: BatchAddress(epoch: epoch, batch: batch), BatchOptions(batchSize: batchSize)),
            seed: seed)
    }

    /// The formula pixel of sample i at raw (r, c, ch).
    func pixel(_ i: Int, _ r: Int, _ c: Int, _ ch: Int = 0) -> UInt8 { UInt8((7 * i + 3 * r + c + 11 * ch) % 256) }

    @Test func cropBoxesLieInsideTheImageAndHoldTheRawPixels() throws {
        let source = try PreprocessingTestData.imageSource(count: 40, height: 10, width: 12, channels: 3)
        let input = try rawSlice(source, batchSize: 40)
        let out = try RandomCrop(height: 6, width: 5).slice(0, of: input)
        #expect(out.images.shape == [40, 6, 5, 3])
        let values = out.images.scalars(as: UInt8.self)
        for row in 0..<40 {
            let box = out.origin.samples[row].box
            #expect(box.top >= 0 && box.top + 6 <= 10 && box.left >= 0 && box.left + 5 <= 12)
            for r in 0..<6 {
                for c in 0..<5 {
                    for ch in 0..<3 {
                        #expect(values[((row * 6 + r) * 5 + c) * 3 + ch] == pixel(row, box.top + r, box.left + c, ch))
                    }
                }
            }
        }
    }

    @Test func cropOffsetsCoverEveryPosition() throws {
        // 8×8 images cropped to 6×6: offsets 0, 1 and 2 on each axis must all occur (DeepTrain's
        // randint(0, w − size) never yields the last one).
        let source = try PreprocessingTestData.imageSource(count: 300, height: 8, width: 8)
        let out = try RandomCrop(size: 6).slice(0, of: try rawSlice(source, batchSize: 300))
        var tops = [Int: Int]()
        var lefts = [Int: Int]()
        for origin in out.origin.samples {
            tops[origin.box.top, default: 0] += 1
            lefts[origin.box.left, default: 0] += 1
        }
        #expect(Set(tops.keys) == [0, 1, 2] && Set(lefts.keys) == [0, 1, 2])
        for count in Array(tops.values) + Array(lefts.values) { #expect(count > 60) } // about 100 each
        // A crop as large as the image is allowed and is the whole image.
        let whole = try RandomCrop(size: 8).slice(0, of: try rawSlice(source, batchSize: 10))
        #expect(
            whole.images
                == (try source.batch(at: BatchAddress(epoch: 0, batch: 0), BatchOptions(batchSize: 10))).columns[0])
    }

    @Test func cropLargerThanTheImageIsRefusedWithASentence() throws {
        let source = try PreprocessingTestData.imageSource(count: 4, height: 8, width: 8)
        #expect(throws: PreprocessingError.self) {
            try RandomCrop(size: 9).slice(0, of: try rawSlice(source, batchSize: 4))
        }
    }

    @Test func labelsCroppedWithTheSameBoxOrTheirOwn() throws {
        let images = PreprocessingTestData.images(count: 30, height: 10, width: 10)
        let masks = PreprocessingTestData.images(count: 30, height: 10, width: 10)
        let source = try ArrayDataSource([images, masks])
        let input = try rawSlice(source, batchSize: 30)
        let same = try RandomCrop(size: 4, labels: .sameBox).slice(0, of: input)
        #expect(same.labels == same.images)
        #expect(same.origin.samples.allSatisfy { $0.labelBox == $0.box })
        let own = try RandomCrop(size: 4, labels: .ownBox).slice(0, of: input)
        #expect(own.labels!.shape == [30, 4, 4])
        #expect(own.origin.samples.contains { $0.labelBox != $0.box })
        let labelValues = own.labels!.scalars(as: UInt8.self)
        for row in 0..<30 {
            let box = own.origin.samples[row].labelBox!
            #expect(labelValues[row * 16] == pixel(row, box.top, box.left))
        }
    }

    @Test func flipsMirrorExactlyTheRowsTheyReport() throws {
        let source = try PreprocessingTestData.imageSource(count: 64, height: 5, width: 7)
        let input = try rawSlice(source, batchSize: 64)
        let out = try RandomFlip(horizontal: true, vertical: true).slice(0, of: input)
        let values = out.images.scalars(as: UInt8.self)
        var flippedH = 0
        var flippedV = 0
        for row in 0..<64 {
            let origin = out.origin.samples[row]
            flippedH += origin.flippedHorizontally ? 1 : 0
            flippedV += origin.flippedVertically ? 1 : 0
            for r in 0..<5 {
                for c in 0..<7 {
                    let sr = origin.flippedVertically ? 4 - r : r
                    let sc = origin.flippedHorizontally ? 6 - c : c
                    #expect(values[(row * 5 + r) * 7 + c] == pixel(row, sr, sc))
                }
            }
        }
        #expect(flippedH > 10 && flippedH < 54 && flippedV > 10 && flippedV < 54)
        let never = try RandomFlip(horizontal: true, probability: 0).slice(0, of: input)
        #expect(never.images == input.images)
    }

    @Test func flipOfChannelsFirstImagesMovesWholePixelsPerPlane() throws {
        // (2, 3, 4, 5) NCHW: value = 100·ch + 10·r + c + i.
        var values = [Float]()
        for i in 0..<2 {
            for ch in 0..<3 { for r in 0..<4 { for c in 0..<5 { values.append(Float(100 * ch + 10 * r + c + i)) } } }
        }
        let source = try ArrayDataSource([Tensor(shape: [2, 3, 4, 5], scalars: values)])
        let out = try RandomFlip(horizontal: true, probability: 1).slice(0, of: try rawSlice(source, batchSize: 2))
        #expect(out.images.shape == [2, 3, 4, 5])
        let got = out.images.scalars(as: Float.self)
        for i in 0..<2 {
            for ch in 0..<3 {
                for r in 0..<4 {
                    for c in 0..<5 {
                        #expect(got[((i * 3 + ch) * 4 + r) * 5 + c] == Float(100 * ch + 10 * r + (4 - c) + i))
                    }
                }
            }
        }
    }

    @Test func cropAfterFlipReportsBoxesInRawCoordinates() throws {
        let source = try PreprocessingTestData.imageSource(count: 50, height: 9, width: 9)
        let chain = try PreprocessorChain([RandomFlip(horizontal: true, vertical: true), RandomCrop(size: 4)])
        let out = try chain.slice(0, of: try rawSlice(source, batchSize: 50))
        let values = out.images.scalars(as: UInt8.self)
        for row in 0..<50 {
            let o = out.origin.samples[row]
            // Output pixel (r, c) shows raw pixel: flips apply within the box.
            for r in 0..<4 {
                for c in 0..<4 {
                    let sr = o.box.top + (o.flippedVertically ? 3 - r : r)
                    let sc = o.box.left + (o.flippedHorizontally ? 3 - c : c)
                    #expect(values[(row * 4 + r) * 4 + c] == pixel(row, sr, sc))
                }
            }
        }
    }

    @Test func normalizeScalesAndStandardisesPerChannel() throws {
        let source = try PreprocessingTestData.imageSource(count: 2, height: 2, width: 2, channels: 3)
        let input = try rawSlice(source, batchSize: 2)
        let unit = try Normalize().slice(0, of: input)
        #expect(unit.images.dtype == .float32)
        #expect(unit.images.scalars(as: Float.self) == input.images.scalars(as: UInt8.self).map { Float($0) / 255 })
        let std = try Normalize(range: -1...1, mean: [0, 0.5, -0.5], std: [1, 2, 4]).slice(0, of: input)
        let got = std.images.scalars(as: Float.self)
        let raw = input.images.scalars(as: UInt8.self)
        let mean: [Float] = [0, 0.5, -0.5]
        let sd: [Float] = [1, 2, 4]
        for i in 0..<raw.count {
            let c = i % 3
            let expected = ((Float(raw[i]) * (2 / 255) - 1) - mean[c]) / sd[c]
            #expect(abs(got[i] - expected) < 1e-5)
        }
        #expect(throws: PreprocessingError.self) { try Normalize(std: [0]) }
        #expect(throws: PreprocessingError.self) { try Normalize(mean: [0, 0]).slice(0, of: input) }
    }

    @Test func closurePreprocessorUsesItsOwnTransform() throws {
        let source = try PreprocessingTestData.imageSource(count: 4, height: 3, width: 3)
        let invert = ClosurePreprocessor(name: "invert") { slice in
            var out = slice
            out.images = slice.images.convertedToFloat32(scalingBytesInto: 1...2)
            return out
        }
        let input = try rawSlice(source, batchSize: 4)
        let out = try invert.slice(0, of: input)
        #expect(out.images.scalars(as: Float.self) == input.images.scalars(as: UInt8.self).map { Float($0) / 255 + 1 })
    }

    @Test func chainAllowsOnlyOneSlicingStage() throws {
        let source = try PreprocessingTestData.sequences(count: 2, steps: 40)
        let twice = try PreprocessorChain([
            try TimeseriesPreprocessor(windowSize: 20, slideSize: 5),
            try TimeseriesPreprocessor(windowSize: 10, slideSize: 5),
        ])
        let input = try rawSlice(source, batchSize: 2)
        #expect(throws: PreprocessingError.self) { try twice.sliceCount(for: input) }
        let windowsThenScale = try PreprocessorChain([
            try TimeseriesPreprocessor(windowSize: 20, slideSize: 10), try Normalize(mean: [1]),
        ])
        let slices = try windowsThenScale.allSlices(of: input)
        #expect(slices.map(\.origin.window) == [0..<20, 10..<30, 20..<40])
        #expect(slices[1].images.scalars(as: Float.self)[0] == 100 - 1)
    }
}
