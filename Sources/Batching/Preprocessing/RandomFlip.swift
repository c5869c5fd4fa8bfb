/// Mirrors each image left to right and/or top to bottom, each with probability `probability`,
/// decided per sample from the slice's counter-based stream.
///
/// ```swift
/// let flip = RandomFlip(horizontal: true)            // flip:h
/// let both = RandomFlip(horizontal: true, vertical: true, probability: 0.5)
/// ```
public struct RandomFlip: Preprocessor {
    public var state = PreprocessorState()
    /// Whether images may be mirrored left to right.
    public let horizontal: Bool
    /// Whether images may be mirrored top to bottom.
    public let vertical: Bool
    /// The chance of each enabled flip.
    public let probability: Double

    public init(horizontal: Bool = false, vertical: Bool = false, probability: Double = 0.5) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.probability = probability
    }

    public func sliceCount(for input: BatchSlice) throws -> Int { 1 }

    /// The flips of each row of `input`, as ``slice(_:of:)`` applies them.
    public func flips(for input: BatchSlice) -> [(h: Bool, v: Bool)] {
        (0..<input.count).map { row in
            var random = input.random(row: row)
            let h = random.nextUnitDouble() < probability && horizontal
            let v = random.nextUnitDouble() < probability && vertical
            return (h, v)
        }
    }

    public func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        let geometry = try ImageGeometry(input.images, stage: "flip")
        let flips = flips(for: input)
        var origins = input.origin.spatial(count: geometry.count, height: geometry.height, width: geometry.width)
        for row in origins.indices {
            origins[row].flippedHorizontally = origins[row].flippedHorizontally != flips[row].h
            origins[row].flippedVertically = origins[row].flippedVertically != flips[row].v
        }
        let whole = CropBox(top: 0, left: 0, height: geometry.height, width: geometry.width)
        var out = input
        out.images = input.images.croppingImages(
            geometry, boxes: Array(repeating: whole, count: geometry.count),
            flips: flips, height: geometry.height, width: geometry.width)
        out.origin.samples = origins
        return out
    }
}
