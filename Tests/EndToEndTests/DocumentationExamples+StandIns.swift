import Batching

// The functions the documented examples call but leave to the reader, as small stand-ins whose
// results a test can predict.

extension DocumentationExamples {
    /// Mirrors each sample of an NHW or NHWC batch left to right with probability 1/2, drawing
    /// one number per sample from `random` (the README's augmentation example).
    static func flipSomeHorizontally(_ images: Tensor, using random: inout CounterRandom) -> Tensor {
        let shape = images.shape
        let width = shape[2]
        let pixel = shape.dropFirst(3).reduce(1, *) * images.dtype.byteWidth
        let rowBytes = width * pixel
        let sampleBytes = shape.dropFirst().reduce(1, *) * images.dtype.byteWidth
        var bytes = images.withUnsafeBytes { Array($0) }
        for sample in 0..<shape[0] where random.next() & 1 == 1 {
            for row in 0..<shape[1] {
                let start = sample * sampleBytes + row * rowBytes
                let pixels = (0..<width).map { Array(bytes[(start + $0 * pixel)..<(start + ($0 + 1) * pixel)]) }
                bytes.replaceSubrange(start..<(start + rowBytes), with: pixels.reversed().joined())
            }
        }
        return bytes.withUnsafeBytes { Tensor(dtype: images.dtype, shape: shape, copyingBytes: $0) }
    }

    /// One float32 "prediction" per sample: the sum of its uint8 pixels.
    static func predict(_ images: Tensor) -> Tensor {
        let perSample = images.shape.dropFirst().reduce(1, *)
        let pixels = images.scalars(as: UInt8.self)
        return Tensor(
            (0..<images.rowCount).map { i in
                Float(pixels[(i * perSample)..<((i + 1) * perSample)].reduce(0) { $0 + Int($1) })
            })
    }

    /// A per-batch sum the mean of which is easy to check: the sum of the labels (column 1).
    static func logLossSum(_ batch: Batch) -> Double {
        Double(batch.columns[1].integerScalars()!.reduce(0, +))
    }

    /// A per-batch count: the samples labelled 0.
    static func errorCount(_ batch: Batch) -> Double {
        Double(batch.columns[1].integerScalars()!.filter { $0 == 0 }.count)
    }

    /// Training stands still: the pipeline example only needs something to hand batches to.
    static func train(_ images: Tensor) {}
}
