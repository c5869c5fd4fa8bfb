/// An error of the direct-read path, with a sentence a person can act on.
///
/// Low-level pieces (inflate, reading bytes) throw the context-free cases; the readers wrap them
/// in ``inDataset(file:dataset:problem:)`` so the message names the file and the dataset.
public enum FastPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A compressed chunk could not be decoded.
    case corruptChunk(String)
    /// The operating system refused to read the file.
    case readFailed(String)
    /// Something went wrong reading a dataset; `problem` says what.
    case inDataset(file: String, dataset: String, problem: String)

    public var description: String {
        switch self {
        case .corruptChunk(let detail):
            return "\(detail); the file may be damaged"
        case .readFailed(let detail):
            return detail
        case .inDataset(let file, let dataset, let problem):
            return "cannot read dataset '\(dataset)' of '\(file)': \(problem); "
                + "check the file with h5dump, or read it through libhdf5 with --read-path library"
        }
    }

    /// The text of an error without the advice a wrapping error adds (which says the file may be
    /// damaged, and what to do).
    var problem: String {
        switch self {
        case .corruptChunk(let detail), .readFailed(let detail): detail
        case .inDataset(_, _, let problem): problem
        }
    }
}
