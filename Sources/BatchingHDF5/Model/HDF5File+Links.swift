/// Saying why a path that is a link cannot be read as a dataset.
extension HDF5File {
    /// Where the link at `path` leads, when `path` is a soft or external link that does not lead
    /// to a dataset of this file; `nil` when `path` is no link, or a soft link that resolves.
    ///
    /// Soft links are followed (a chain of them too); the state describes the last link of the
    /// chain, whose path is returned with it.
    ///
    /// ```swift
    /// if let (link, state) = file.brokenLink(at: "images") { print(link, state) }
    /// ```
    public func brokenLink(at path: String) -> (link: String, state: HDF5LinkState)? {
        var current = HDF5Group.normalise(path)
        var visited = Set<String>()
        while visited.insert(current).inserted {
            if root.allDatasets.contains(where: { $0.path == current }) || root.group(at: current) != nil { return nil }
            if let soft = root.allSoftLinks.first(where: { $0.path == current }) {
                let next = HDF5Group.normalise(soft.target)
                if visited.contains(next) { return (firstLink(path), .softLinkLoop(target: firstTarget(path))) }
                if !root.isEntry(next) { return (current, .danglingSoftLink(target: soft.target)) }
                current = next
                continue
            }
            // An external link, or a path below one (an external link to a group).
            if let external = root.allExternalLinks.first(where: {
                current == $0.path || current.hasPrefix($0.path + "/")
            }) {
                let rest = current.dropFirst(external.path.count)
                return (
                    current,
                    HDF5LinkProbe.externalState(
                        in: self, path: current, targetFile: external.file,
                        object: external.object + rest)
                )
            }
            return nil
        }
        return nil
    }

    private func firstLink(_ path: String) -> String { HDF5Group.normalise(path) }

    private func firstTarget(_ path: String) -> String {
        root.allSoftLinks.first { $0.path == HDF5Group.normalise(path) }?.target ?? path
    }

    /// Every link of the file that does not lead to a dataset of the file, with its state.
    public var brokenLinks: [(link: String, state: HDF5LinkState)] {
        let paths = root.allSoftLinks.map(\.path) + root.allExternalLinks.map(\.path)
        var seen = Set<String>()
        return paths.sorted().compactMap { brokenLink(at: $0) }.filter { seen.insert($0.link).inserted }
    }
}
