/// Where a soft or external link of a file leads, for saying why it cannot serve as a dataset.
///
/// batchview reads datasets stored in the file itself (and soft links to them). A link that
/// leads nowhere, or leads into another file, gets a sentence instead of being skipped silently.
///
/// ```swift
/// let file = try HDF5File(path: "train.h5")
/// file.brokenLink(at: "images")?.state
/// // .missingExternalFile(file: "pixels.h5", object: "/x", searched: ["/data/pixels.h5", "pixels.h5"])
/// ```
public enum HDF5LinkState: Sendable, Hashable {
    /// A soft link whose target is not in the file.
    case danglingSoftLink(target: String)
    /// A soft link that, through other soft links, leads back to itself.
    case softLinkLoop(target: String)
    /// An external link whose file was found nowhere (`searched` lists where it was looked for).
    case missingExternalFile(file: String, object: String, searched: [String])
    /// An external link whose file exists (at `foundAt`) but does not hold `object`, or could
    /// not be opened (`detail` says which).
    case missingExternalObject(file: String, object: String, foundAt: String, detail: String)
    /// An external link that leads to an object of another file (at `foundAt`). batchview does
    /// not read through external links: its fast reader reads the file's own bytes.
    case external(file: String, object: String, foundAt: String)

    /// A few words for listings such as `batchview info`: "nowhere.h5 is missing".
    public var summary: String {
        switch self {
        case .danglingSoftLink: "dangling, its target is not in the file"
        case .softLinkLoop: "loops back to itself"
        case .missingExternalFile(let file, _, _): "\(file) is missing"
        case .missingExternalObject(let file, _, _, let detail): "\(file) \(detail)"
        case .external: "not followed by batchview"
        }
    }

    /// A clause for error messages, after "is a soft link" / "is an external link".
    var prose: String {
        switch self {
        case .danglingSoftLink(let target):
            "a soft link to \"\(target)\", which is not in the file (the link is dangling)"
        case .softLinkLoop(let target):
            "a soft link to \"\(target)\", which leads back to itself through other soft links"
        case .missingExternalFile(let file, let object, let searched):
            "an external link to \"\(object)\" in \(file), but \(file) is missing (looked for "
                + searched.joined(separator: " and ") + ")"
        case .missingExternalObject(let file, let object, let foundAt, let detail):
            "an external link to \"\(object)\" in \(file), but \(foundAt) \(detail)"
        case .external(let file, let object, _):
            "an external link to \"\(object)\" in \(file), and batchview reads only datasets stored in the file itself"
        }
    }

    /// What to do about it, for error messages.
    var advice: String {
        switch self {
        case .danglingSoftLink, .softLinkLoop:
            "point the link at a dataset of the file"
        case .missingExternalFile(let file, _, _):
            "put \(file) beside the file or fix the link"
        case .missingExternalObject:
            "fix the link to name a dataset of that file"
        case .external(_, let object, let foundAt):
            "open \(foundAt) itself (its dataset \"\(HDF5Group.normalise(object))\"), or copy the dataset into this file"
        }
    }
}
