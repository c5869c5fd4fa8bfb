extension DisplayImage {
    /// The image resized to `width`×`height`: nearest neighbour along an axis that grows, box
    /// filter (area average) along an axis that shrinks.
    ///
    /// ```swift
    /// let thumb = image.resampled(width: 14, height: 14)   // a 28×28 image, each 2×2 block averaged
    /// ```
    public func resampled(width newWidth: Int, height newHeight: Int) -> DisplayImage {
        if newWidth == width && newHeight == height && newWidth > 0 && newHeight > 0 { return self }
        let (values, width, channels) = (values, width, channels)
        return Self.resampling(width: width, height: height, channels: channels, to: newWidth, newHeight) { y, x, c in
            values[(y * width + x) * channels + c]
        }
    }

    /// An image of `width`×`height` with `channels` channels whose intensity at (`y`, `x`, `c`)
    /// is `value(y, x, c)`, resized to `newWidth`×`newHeight` as ``resampled(width:height:)``
    /// does: every value is read (and each pixel near a cell's edge twice), none is kept but the
    /// horizontal pass's output.
    @inline(__always)
    static func resampling(
        width: Int, height: Int, channels: Int, to newWidth: Int, _ newHeight: Int,
        value: (_ y: Int, _ x: Int, _ channel: Int) -> Float
    ) -> DisplayImage {
        guard newWidth > 0, newHeight > 0 else {
            return DisplayImage(width: 0, height: 0, channels: channels, values: [])
        }
        if newWidth == width && newHeight == height {
            var same = [Float]()
            same.reserveCapacity(width * height * channels)
            for y in 0..<height { for x in 0..<width { for c in 0..<channels { same.append(value(y, x, c)) } } }
            return DisplayImage(width: width, height: height, channels: channels, values: same)
        }
        let columns = weights(from: width, to: newWidth)
        let rows = weights(from: height, to: newHeight)
        // Horizontal pass: height × newWidth.
        var horizontal = [Float](repeating: 0, count: height * newWidth * channels)
        // Each sum starts at 0 and adds its taps in order; the channels of a tap are read together.
        horizontal.withUnsafeMutableBufferPointer { sums in
            for y in 0..<height {
                for (x, taps) in columns.enumerated() {
                    let out = (y * newWidth + x) * channels
                    for (source, weight) in taps {
                        for c in 0..<channels { sums[out + c] += value(y, source, c) * weight }
                    }
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
