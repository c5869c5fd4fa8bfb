/// Per-channel statistics of one sample: minimum, maximum, mean and standard deviation of the
/// finite values, and how many values are NaN or infinite.
///
/// ```swift
/// let stats = SampleStatistics.perChannel(RawImage(batch: images, row: 0, layout: .nhwc))
/// stats[0].mean
/// ```
public struct SampleStatistics: Sendable, Hashable {
    public var minimum: Double
    public var maximum: Double
    public var mean: Double
    /// Population standard deviation.
    public var standardDeviation: Double
    public var nanCount: Int
    public var infinityCount: Int
    /// Finite values counted.
    public var count: Int

    /// One entry per channel of `image`.
    public static func perChannel(_ image: RawImage) -> [SampleStatistics] {
        (0..<image.channels).map { channel in
            var low = Double.infinity
            var high = -Double.infinity
            var sum = 0.0
            var squares = 0.0
            var count = 0
            var nans = 0
            var infinities = 0
            for i in stride(from: channel, to: image.values.count, by: image.channels) {
                let v = Double(image.values[i])
                if v.isNaN {
                    nans += 1
                    continue
                }
                if v.isInfinite {
                    infinities += 1
                    continue
                }
                low = min(low, v)
                high = max(high, v)
                sum += v
                squares += v * v
                count += 1
            }
            let mean = count > 0 ? sum / Double(count) : .nan
            let variance = count > 0 ? max(squares / Double(count) - mean * mean, 0) : .nan
            return SampleStatistics(
                minimum: count > 0 ? low : .nan, maximum: count > 0 ? high : .nan, mean: mean,
                standardDeviation: variance.squareRoot(), nanCount: nans, infinityCount: infinities,
                count: count)
        }
    }
}
