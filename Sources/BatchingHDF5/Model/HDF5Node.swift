/// One entry of a file's tree: a group, a dataset or a link.
public enum HDF5Node: Sendable, Hashable {
    /// A group and everything under it.
    case group(HDF5Group)
    /// A dataset.
    case dataset(HDF5DatasetInfo)
    /// A soft link at `path` naming `target` (which may not exist).
    case softLink(path: String, target: String)
    /// A link at `path` to `object` in another file.
    case externalLink(path: String, file: String, object: String)
    /// A committed datatype or another object kind, described in words.
    case other(path: String, kind: String)

    /// The path of the entry inside the file.
    public var path: String {
        switch self {
        case .group(let group): group.path
        case .dataset(let info): info.path
        case .softLink(let path, _), .externalLink(let path, _, _), .other(let path, _): path
        }
    }
}

/// A group: its attributes and its members, sorted by name.
///
/// ```swift
/// let root = try HDF5File(path: "train.h5").root
/// for info in root.allDatasets { print(info.path, info.shape) }
/// ```
public struct HDF5Group: Sendable, Hashable {
    /// The path inside the file without the leading slash; `""` for the root group.
    public var path: String
    /// Attributes attached to the group.
    public var attributes: [HDF5Attribute]
    /// Members, sorted by name.
    public var children: [HDF5Node]

    public init(path: String, attributes: [HDF5Attribute], children: [HDF5Node]) {
        self.path = path
        self.attributes = attributes
        self.children = children
    }

    /// Every dataset at or below this group, depth first, in name order.
    public var allDatasets: [HDF5DatasetInfo] {
        children.flatMap { node -> [HDF5DatasetInfo] in
            switch node {
            case .dataset(let info): [info]
            case .group(let group): group.allDatasets
            default: []
            }
        }
    }

    /// Every group at or below this one, this one first.
    public var allGroups: [HDF5Group] {
        [self]
            + children.flatMap { node -> [HDF5Group] in
                if case .group(let group) = node { return group.allGroups }
                return []
            }
    }

    /// Every soft link at or below this group.
    public var allSoftLinks: [(path: String, target: String)] {
        children.flatMap { node -> [(path: String, target: String)] in
            switch node {
            case .softLink(let path, let target): [(path, target)]
            case .group(let group): group.allSoftLinks
            default: []
            }
        }
    }

    /// The dataset at `path` (without a leading slash), following soft links inside the file
    /// (a chain of links that loops leads nowhere).
    public func dataset(at path: String) -> HDF5DatasetInfo? {
        var wanted = HDF5Group.normalise(path)
        var visited = Set<String>()
        while visited.insert(wanted).inserted {
            if let found = allDatasets.first(where: { $0.path == wanted }) { return found }
            guard let link = allSoftLinks.first(where: { $0.path == wanted }) else { return nil }
            wanted = HDF5Group.normalise(link.target)
        }
        return nil
    }

    /// The group at `path`, if present.
    public func group(at path: String) -> HDF5Group? {
        let wanted = HDF5Group.normalise(path)
        return allGroups.first { $0.path == wanted }
    }

    /// `path` without leading or trailing slashes.
    static func normalise(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }
}
