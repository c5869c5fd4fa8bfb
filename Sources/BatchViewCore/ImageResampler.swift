extension DisplayImage {
    /// The image resized to `width`×`height`: nearest neighbour along an axis that grows, box
    /// filter (area average) along an axis that shrinks.
    ///
    /// ```swift
    /// let thumb = image.resampled(width: 14, height: 14)   // a 28×28 image, each 2×2 block averaged
    /// ```
    public func resampled(width newWidth: Int, height newHeight: Int) -> DisplayImage {
        guard newWidth > 0, newHeight > 0 else {
            return DisplayImage(width: 0, height: 0, channels: channels, values: [])
        }
        if newWidth == width && newHeight == height { return self }
        let columns = Self.weights(from: width, to: newWidth)
        let rows = Self.weights(from: height, to: newHeight)
        // Horizontal pass: height × newWidth.
        var horizontal = [Float](repeating: 0, count: height * newWidth * channels)
        for y in 0..<height {
            for (x, taps) in columns.enumerated() {
                for c in 0..<channels {
                    var sum: Float = 0
                    for (source, weight) in taps { sum += values[(y * width + source) * channels + c] * weight }
                    horizontal[(y * newWidth + x) * channels + c] = sum
                }
            }
        }
        var out = [Float](repeating: 0, count: newHeight * newWidth * channels)
        for (y, taps) in rows.enumerated() {
            for x in 0..<newWidth {
                for c in 0..<channels {
                    var sum: Float = 0
                    for (source, weight) in taps { sum += horizontal[(source * newWidth + x) * channels + c] * weight }
                    out[(y * newWidth + x) * channels + c] = sum
                }
            }
        }
        return DisplayImage(width: newWidth, height: newHeight, channels: channels, values: out)
    }

    /// For each output position, the source positions it reads and their weights (summing to 1).
    static func weights(from source: Int, to target: Int) -> [[(Int, Float)]] {
        guard source > 0 else { return Array(repeating: [], count: target) }
        if target >= source {
            return (0..<target).map { j in [(min((2 * j + 1) * source / (2 * target), source - 1), 1)] }
        }
        let scale = Double(source) / Double(target)
        return (0..<target).map { j in
            let start = Double(j) * scale
            let end = Double(j + 1) * scale
            var taps = [(Int, Float)]()
            var i = Int(start)
            while Double(i) < end && i < source {
                let covered = min(end, Double(i + 1)) - max(start, Double(i))
                if covered > 1e-9 { taps.append((i, Float(covered / scale))) }
                i += 1
            }
            return taps
        }
    }
}
