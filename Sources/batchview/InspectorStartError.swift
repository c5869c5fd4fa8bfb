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

    var description: String {
        switch self {
        case .firstBatch(let reason): reason
        case .demoNotFound:
            "the bundled demo Assets/digits.h5 was not found (not in this folder nor beside the batchview binary); "
                + "give a FILE to open, such as batchview data/train.h5"
        }
    }
}
