/// Why the inspector could not start although the file opened: its very first batch could not
/// be loaded (for example a crop larger than the images).
///
/// ```swift
/// throw InspectorStartError.firstBatch("crop 29×29 does not fit images of 28×28 …")
/// ```
enum InspectorStartError: Error, CustomStringConvertible {
    /// The first batch failed to load, with the library's sentence.
    case firstBatch(String)
    /// No FILE was given and the bundled demo is not beside the binary nor in this folder.
    case demoNotFound
    /// An option that cuts batches by samples was given with `--file-batches`, where a file is the batch.
    case notWithFileBatches(option: String)

    var description: String {
        switch self {
        case .firstBatch(let reason): reason
        case .demoNotFound:
            "the bundled demo Assets/digits.h5 was not found (not in this folder nor beside the batchview binary); "
                + "give a FILE to open, such as batchview data/train.h5"
        case .notWithFileBatches(let option):
            "\(option) does not apply with --file-batches, where each batch is one whole file (batch k of an epoch is the "
                + "k-th file, or a shuffled file with --shuffle); leave \(option) out, or leave out --file-batches to cut batches by --batch-size"
        }
    }
}
