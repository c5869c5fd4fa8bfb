/// An error a preprocessor reports, with a sentence a person can act on.
public enum PreprocessingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The batch at `address` yields no slice at all (a sequence shorter than the window).
    case noSlices(address: BatchAddress, detail: String)
    /// The images do not have a shape the stage can work on.
    case unsupportedShape(stage: String, shape: [Int], detail: String)
    /// A stage was configured with impossible values.
    case invalidParameter(stage: String, detail: String)
    /// A `--preprocess` spec that does not parse; the text names the bad part and shows the grammar.
    case invalidSpec(String)

    public var description: String {
        switch self {
        case .noSlices(let address, let detail):
            return "batch (\(address)) cannot be preprocessed: \(detail); iterating would never produce a slice"
        case .unsupportedShape(let stage, let shape, let detail):
            return "\(stage) cannot work on images of shape \(shape): \(detail)"
        case .invalidParameter(let stage, let detail):
            return "\(stage): \(detail)"
        case .invalidSpec(let detail):
            return detail
        }
    }
}
