/// The links of a group's tree, for following and reporting them.
extension HDF5Group {
    /// Every external link at or below this group: its path, and the file and object it names.
    public var allExternalLinks: [(path: String, file: String, object: String)] {
        children.flatMap { node -> [(path: String, file: String, object: String)] in
            switch node {
            case .externalLink(let path, let file, let object): [(path, file, object)]
            case .group(let group): group.allExternalLinks
            default: []
            }
        }
    }

    /// Whether anything (group, dataset, link or other object) is at `path`, normalised.
    func isEntry(_ path: String) -> Bool {
        if path.isEmpty || group(at: path) != nil { return true }
        return allEntries.contains { $0.path == path }
    }

    private var allEntries: [HDF5Node] {
        children.flatMap { node -> [HDF5Node] in
            if case .group(let group) = node { return [node] + group.allEntries }
            return [node]
        }
    }
}
