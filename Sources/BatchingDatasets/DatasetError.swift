/// An error reading, fetching or importing a standard dataset, with a sentence a person can act on.
///
/// Every case's ``description`` names the file and says what to do; `batchview` prints it as is.
///
/// ```swift
/// do { _ = try IDXReader.read(path: "train-images-idx3-ubyte") }
/// catch let error as DatasetError { print(error) }   // "… is not an IDX file …"
/// ```
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file the dataset needs is not there.
    case missingFile(path: String, dataset: String)
    /// A file ends before its header says it should.
    case truncated(path: String, detail: String)
    /// A file does not start the way its format requires.
    case wrongFormat(path: String, expected: String, detail: String)
    /// A compressed stream (gzip, zlib) cannot be decoded.
    case corruptCompressed(path: String, detail: String)
    /// The file is in the right format but holds something this reader does not handle.
    case unsupported(path: String, detail: String)
    /// The configured data directory exists but is not a directory.
    case dataDirectoryNotADirectory(path: String, source: String)
    /// A download finished but its SHA-256 is not the one expected.
    case checksumMismatch(url: String, expected: String, actual: String)
    /// A download failed for a reason other than an unreachable network.
    case downloadFailed(url: String, attempts: Int, reason: String)
    /// The network could not be reached; the user can place the file by hand.
    case networkUnreachable(file: String, url: String, destination: String, reason: String)
    /// A file or folder could not be read or written.
    case io(path: String, detail: String)
    /// A reader for some datasets was handed another kind.
    case wrongReader(reader: String, reads: String, kind: DatasetKind)

    public var description: String {
        switch self {
        case .missingFile(let path, let dataset):
            "\(path) is missing; the \(dataset) dataset needs it — put the file there (see docs/datasets.md for where to get it), or point the command at the folder that holds it"
        case .truncated(let path, let detail):
            "\(path) is truncated (\(detail)); download it again"
        case .wrongFormat(let path, let expected, let detail):
            "\(path) is not \(expected) (\(detail)); check that you gave the right file for this dataset kind"
        case .corruptCompressed(let path, let detail):
            "\(path) is damaged: its compressed data cannot be decoded (\(detail)); download it again"
        case .unsupported(let path, let detail):
            "\(path) cannot be read: \(detail)"
        case .dataDirectoryNotADirectory(let path, let source):
            "the data directory \(path) (from \(source)) exists but is not a folder; remove it or set data_dir to a folder"
        case .checksumMismatch(let url, let expected, let actual):
            "the file downloaded from \(url) has SHA-256 \(actual), not the expected \(expected); it was deleted — try again later or fetch it by hand"
        case .downloadFailed(let url, let attempts, let reason):
            "downloading \(url) failed after \(attempts) attempt\(attempts == 1 ? "" : "s") (\(reason)); try again later"
        case .networkUnreachable(let file, let url, let destination, let reason):
            "cannot reach the network (\(reason)); download \(file) from \(url) yourself and put it at \(destination)"
        case .io(let path, let detail):
            "\(path): \(detail)"
        case .wrongReader(let reader, let reads, let kind):
            "\(reader) reads \(reads), not \(kind.displayName); read \(kind.displayName) with StandardDatasetReader.read, which picks the reader for each kind"
        }
    }
}
