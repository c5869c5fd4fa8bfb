import BatchViewCore
import Batching

/// In-memory copies of the shared fixtures, built from their formula
/// (`value(i, r, c, ch) = (7i + 3r + c + 11ch) % 256`, `label(i) = i % K`; see
/// ../shared/fixtures/README.md), so the inspector's tests need no file reader.
enum FixtureData {
    /// The pixel formula.
    static func value(_ i: Int, _ r: Int, _ c: Int, _ ch: Int = 0) -> UInt8 {
        UInt8((7 * i + 3 * r + c + 11 * ch) % 256)
    }

    /// `mnist_small.h5`: 500 × 28 × 28 uint8, labels i % 10.
    static func mnistSmall(count: Int = 500) -> InspectedDataset {
        var pixels = [UInt8]()
        pixels.reserveCapacity(count * 784)
        for i in 0..<count { for r in 0..<28 { for c in 0..<28 { pixels.append(value(i, r, c)) } } }
        let images = Tensor(shape: [count, 28, 28], scalars: pixels)
        let labels = Tensor((0..<count).map { Int64($0 % 10) })
        return InspectedDataset(name: "mnist_small.h5", images: images, labels: labels)
    }

    /// `rgb_chunked_gzip.h5`: 300 × 32 × 32 × 3 uint8, labels i % 5, five class names.
    static func rgb(count: Int = 300) -> InspectedDataset {
        var pixels = [UInt8]()
        pixels.reserveCapacity(count * 3072)
        for i in 0..<count {
            for r in 0..<32 { for c in 0..<32 { for ch in 0..<3 { pixels.append(value(i, r, c, ch)) } } }
        }
        let images = Tensor(shape: [count, 32, 32, 3], scalars: pixels)
        let labels = Tensor((0..<count).map { Int32($0 % 5) })
        return InspectedDataset(
            name: "rgb_chunked_gzip.h5", images: images, imagesName: "train/images", labels: labels,
            labelsName: "train/labels", classNames: ["airplane", "automobile", "bird", "cat", "deer"])
    }

    /// `nchw_float.h5`: 200 × 3 × 16 × 16 float32 = value / 255, labels i % 4.
    static func nchwFloat(count: Int = 200) -> InspectedDataset {
        var pixels = [Float]()
        for i in 0..<count {
            for ch in 0..<3 { for r in 0..<16 { for c in 0..<16 { pixels.append(Float(value(i, r, c, ch)) / 255) } } }
        }
        let images = Tensor(shape: [count, 3, 16, 16], scalars: pixels)
        let labels = Tensor((0..<count).map { UInt8($0 % 4) })
        return InspectedDataset(name: "nchw_float.h5", images: images, imagesName: "x", labels: labels, labelsName: "y")
    }

    /// `imbalanced.h5`-like: 800 × 12 × 12 × 1 uint8 with class counts 400, 200, …, 2 in a fixed
    /// shuffled order.
    static func imbalanced() -> InspectedDataset {
        let counts = [400, 200, 100, 50, 25, 13, 7, 3, 2]
        var labels = counts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
        var random = CounterRandom(seed: 99, purpose: .shuffle)
        for i in stride(from: labels.count - 1, to: 0, by: -1) { labels.swapAt(i, random.nextInt(below: i + 1)) }
        var pixels = [UInt8]()
        for i in 0..<800 { for r in 0..<12 { for c in 0..<12 { pixels.append(value(i, r, c)) } } }
        return InspectedDataset(
            name: "imbalanced.h5", images: Tensor(shape: [800, 12, 12, 1], scalars: pixels),
            labels: Tensor(labels.map(Int64.init)))
    }

    /// A fixed environment: the clock advances 1 ms a reading, memory is constant; a new clock
    /// for every session, so that tests running side by side do not share it.
    static var environment: InspectorEnvironment {
        InspectorEnvironment.fixed(
            step: 1_000_000,
            memory: MemoryReading(residentBytes: 50 << 20, peakResidentBytes: 64 << 20, heapInUseBytes: 20 << 20))
    }

    /// A session on `dataset` with the fixed environment.
    static func session(
        _ dataset: InspectedDataset, batchSize: Int = 16, shuffle: Bool = true, colorMode: ColorMode = .none,
        sampler: SamplerChoice = .uniform
    ) throws -> InspectorSession {
        try InspectorSession(
            dataset: dataset,
            configuration: InspectorConfiguration(
                batchSize: batchSize, shuffle: shuffle, seed: 12345, sampler: sampler),
            colorMode: colorMode, environment: environment)
    }
}
