/// A preprocessor written as a closure: one slice per batch, made by `transform`.
///
/// Randomness should come from ``BatchSlice/random(row:)``, never from a global generator, so
/// that the slice replays exactly.
///
/// ```swift
/// let invert = ClosurePreprocessor(name: "invert") { slice in
///     var out = slice
///     out.images = slice.images.convertedToFloat32(scalingBytesInto: 1...0)
///     return out
/// }
/// ```
public struct ClosurePreprocessor: Preprocessor {
    public var state = PreprocessorState()
    /// A name for messages and the inspector.
    public let name: String
    /// Makes the slice from the batch.
    public let transform: @Sendable (BatchSlice) throws -> BatchSlice

    public init(name: String = "custom", _ transform: @escaping @Sendable (BatchSlice) throws -> BatchSlice) {
        self.name = name
        self.transform = transform
    }

    public func sliceCount(for input: BatchSlice) throws -> Int { 1 }

    public func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        var out = try transform(input)
        out.address = input.address
        return out
    }
}
