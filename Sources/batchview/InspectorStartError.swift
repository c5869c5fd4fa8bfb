/// Why the inspector could not start although the file opened: its very first batch could not
/// be loaded (for example a crop larger than the images).
///
/// ```swift
/// throw InspectorStartError.firstBatch("crop 29×29 does not fit images of 28×28 …")
/// ```
enum InspectorStartError: Error, CustomStringConvertible {
    /// The first batch failed to load, with the library's sentence.
    case firstBatch(String)

    var description: String {
        switch self {
        case .firstBatch(let reason): reason
        }
    }
}
