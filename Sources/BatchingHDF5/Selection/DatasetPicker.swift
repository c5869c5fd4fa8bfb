import Batching

/// The rules behind ``DatasetSelection/pick(in:images:labels:layout:)``, one decision per method.
struct DatasetPicker {
    let file: HDF5File
    let datasets: [HDF5DatasetInfo]
    var reasons = [String]()

    init(file: HDF5File) {
        self.file = file
        datasets = file.root.allDatasets
    }

    private func info(_ path: String) throws -> HDF5DatasetInfo {
        guard let info = file.root.dataset(at: path) else {
            if let (link, state) = file.brokenLink(at: path) {
                throw HDF5Error.unusableLink(file: file.path, link: link, state: state)
            }
            throw HDF5Error.noSuchDataset(
                file: file.path, dataset: HDF5Group.normalise(path), available: file.datasetPaths)
        }
        return info
    }

    private static func nameRank(_ info: HDF5DatasetInfo, in names: [String]) -> Int {
        names.firstIndex(of: info.name) ?? names.count
    }

    private static func group(of path: String) -> String {
        path.split(separator: "/").dropLast().joined(separator: "/")
    }

    mutating func pickImages(_ requested: String?) throws -> HDF5DatasetInfo {
        if let requested {
            let chosen = try info(requested)
            guard chosen.rank >= 1 else { throw HDF5Error.scalarDataset(file: file.path, dataset: chosen.path) }
            guard chosen.dtype != nil else { throw HDF5Error.unreadableElements(file: file.path, dataset: chosen) }
            reasons.append("images: \"\(chosen.path)\" \(chosen.shape) \(chosen.elementType), as given by --images")
            return chosen
        }
        let candidates = datasets.filter { $0.dtype != nil && $0.rank >= 2 }
        let labelLengths = Set(datasets.filter { $0.dtype != nil && ($0.rank == 1 || $0.rank == 2) }.map(\.rowCount))
        let ranked = candidates.sorted { a, b in
            let ka = (
                Self.nameRank(a, in: DatasetSelection.imageNames), labelLengths.contains(a.rowCount) ? 0 : 1,
                -a.byteCount, a.path
            )
            let kb = (
                Self.nameRank(b, in: DatasetSelection.imageNames), labelLengths.contains(b.rowCount) ? 0 : 1,
                -b.byteCount, b.path
            )
            return ka < kb
        }
        let names = DatasetSelection.imageNames
        // A dataset or link named like images that cannot be used is an error worth reporting,
        // rather than quietly picking a dataset by size instead.
        if ranked.first.map({ Self.nameRank($0, in: names) }) ?? names.count == names.count {
            try refuseUnusable(named: names)
        }
        guard let chosen = ranked.first else {
            if let scalar = datasets.first(where: { $0.rank == 0 && names.contains($0.name) }) {
                throw HDF5Error.scalarDataset(file: file.path, dataset: scalar.path)
            }
            try refuseUnusable(named: nil)
            throw HDF5Error.noImageDataset(file: file.path)
        }
        let why =
            Self.nameRank(chosen, in: DatasetSelection.imageNames) < DatasetSelection.imageNames.count
            ? "its name \"\(chosen.name)\" is a common name for images"
            : "it is the largest numeric dataset with 2 or more dimensions"
        reasons.append("images: \"\(chosen.path)\" \(chosen.shape) \(chosen.elementType), because \(why)")
        return chosen
    }

    mutating func pickLabels(_ requested: String?, for images: HDF5DatasetInfo) throws -> HDF5DatasetInfo? {
        if let requested {
            let chosen = try info(requested)
            try validateLabels(chosen, images: images)
            reasons.append("labels: \"\(chosen.path)\" \(chosen.shape) \(chosen.elementType), as given by --labels")
            return chosen
        }
        let imageGroup = Self.group(of: images.path)
        let named = datasets.filter { $0.path != images.path && DatasetSelection.labelNames.contains($0.name) }
            .sorted {
                (
                    Self.group(of: $0.path) == imageGroup ? 0 : 1, Self.nameRank($0, in: DatasetSelection.labelNames),
                    $0.path
                )
                    < (
                        Self.group(of: $1.path) == imageGroup ? 0 : 1,
                        Self.nameRank($1, in: DatasetSelection.labelNames), $1.path
                    )
            }
        let fitting = datasets.filter { $0.path != images.path && isLabelShaped($0, images: images) }
        let ranked = fitting.sorted { a, b in
            let ka = (
                Self.nameRank(a, in: DatasetSelection.labelNames), Self.group(of: a.path) == imageGroup ? 0 : 1,
                a.rank, a.dtype?.isInteger == true ? 0 : 1, a.path
            )
            let kb = (
                Self.nameRank(b, in: DatasetSelection.labelNames), Self.group(of: b.path) == imageGroup ? 0 : 1,
                b.rank, b.dtype?.isInteger == true ? 0 : 1, b.path
            )
            return ka < kb
        }
        if let chosen = ranked.first,
            Self.nameRank(chosen, in: DatasetSelection.labelNames) < DatasetSelection.labelNames.count
        {
            reasons.append(
                "labels: \"\(chosen.path)\" \(chosen.shape) \(chosen.elementType), because its name is a common name for labels and it has \(images.rowCount) rows like the images"
            )
            return chosen
        }
        // A dataset named like labels that does not fit is an error worth reporting, not skipping.
        if let misfit = named.first {
            try validateLabels(misfit, images: images)
        }
        if let error = brokenLinkError(named: DatasetSelection.labelNames) { throw error }
        if let chosen = ranked.first {
            reasons.append(
                "labels: \"\(chosen.path)\" \(chosen.shape) \(chosen.elementType), because it is \(chosen.rank)-D and has \(images.rowCount) rows like the images"
            )
            return chosen
        }
        reasons.append("labels: none — no numeric 1-D (or one-hot 2-D) dataset has \(images.rowCount) rows")
        return nil
    }

    /// Throws for the first dataset of 2 or more dimensions it cannot read, or link that leads to
    /// no dataset, named like images (best name first); with `names` nil, for a broken link of
    /// any name.
    private func refuseUnusable(named names: [String]?) throws {
        let unreadable = datasets.filter { info in
            info.dtype == nil && info.rank >= 2 && (names.map { $0.contains(info.name) } ?? false)
        }
        if let first = unreadable.min(by: { Self.nameRank($0, in: names ?? []) < Self.nameRank($1, in: names ?? []) }) {
            throw HDF5Error.unreadableElements(file: file.path, dataset: first)
        }
        if let error = brokenLinkError(named: names) { throw error }
    }

    /// The error for the first link (by name rank in `names`, or any link when `names` is nil)
    /// that does not lead to a dataset of the file.
    private func brokenLinkError(named names: [String]?) -> HDF5Error? {
        let links = (file.root.allSoftLinks.map(\.path) + file.root.allExternalLinks.map(\.path)).filter { path in
            names.map { $0.contains(Self.lastComponent(path)) } ?? true
        }
        let ordered = links.sorted { a, b in
            let ra = names?.firstIndex(of: Self.lastComponent(a)) ?? 0
            let rb = names?.firstIndex(of: Self.lastComponent(b)) ?? 0
            return (ra, a) < (rb, b)
        }
        for path in ordered {
            if let (link, state) = file.brokenLink(at: path) {
                return .unusableLink(file: file.path, link: link, state: state)
            }
        }
        return nil
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Whether `info` can be the labels of `images`: numbers of the images' length, 1-D or
    /// one-hot 2-D; or 1-D text named like labels (a text dataset of another name, file names
    /// or captions, is not taken for class labels).
    private func isLabelShaped(_ info: HDF5DatasetInfo, images: HDF5DatasetInfo) -> Bool {
        if info.elementType.isText {
            return info.rank == 1 && info.rowCount == images.rowCount
                && DatasetSelection.labelNames.contains(info.name)
        }
        guard info.dtype != nil, info.rowCount == images.rowCount else { return false }
        return info.rank == 1 || (info.rank == 2 && info.shape[1] >= 2 && info.shape[1] <= 10_000)
    }

    private func validateLabels(_ labels: HDF5DatasetInfo, images: HDF5DatasetInfo) throws {
        guard labels.rank >= 1 else { throw HDF5Error.scalarDataset(file: file.path, dataset: labels.path) }
        guard labels.dtype != nil || labels.elementType.isText else {
            throw HDF5Error.unreadableElements(file: file.path, dataset: labels, asLabels: true)
        }
        guard labels.rank <= (labels.elementType.isText ? 1 : 2) else {
            throw HDF5Error.labelsWrongShape(file: file.path, dataset: labels.path, shape: labels.shape)
        }
        guard labels.rowCount == images.rowCount else {
            throw HDF5Error.lengthMismatch(
                file: file.path, images: images.path, imageCount: images.rowCount,
                labels: labels.path, labelCount: labels.rowCount)
        }
    }

    mutating func pickLayout(_ requested: ChannelLayout?, for images: HDF5DatasetInfo) throws -> ChannelLayout {
        if let requested {
            guard requested.fits(rowShape: images.rowShape) else {
                throw HDF5Error.invalidArgument(
                    "\(file.path): --layout \(requested.rawValue) needs rows of \(requested.rowRank) axes, but \"\(images.path)\" has rows of \(images.rowShape); pick another layout or leave it out"
                )
            }
            reasons.append("layout: \(requested.rawValue.uppercased()), as given by --layout")
            return requested
        }
        let (layout, why) = ChannelLayout.infer(rowShape: images.rowShape)
        reasons.append("layout: \(layout.rawValue.uppercased()), because \(why)")
        return layout
    }

    /// The class names of enumeration labels: the enumeration's names, indexed by value (a
    /// label's class is its stored value).
    mutating func enumerationClassNames(of labels: HDF5DatasetInfo) -> (names: [String], source: String)? {
        guard let enumeration = labels.elementType.enumeration, let names = enumeration.classNames else { return nil }
        var reason =
            "class names: the enumeration's \(enumeration.members.count) names (\(enumeration.memberList())); a label's class is its value"
        let unlisted = enumeration.unlistedMembers
        if !unlisted.isEmpty {
            reason +=
                "; \(unlisted.map(\.name).joined(separator: ", ")) (values outside 0…\(HDF5Enumeration.largestClassValue - 1)) have no class"
        }
        reasons.append(reason)
        return (names, labels.path + " (enumeration)")
    }

    /// Class names from an attribute (on the datasets, their groups, or the root) or from a
    /// string dataset with a class-name key.
    mutating func findClassNames(near paths: [String]) -> (names: [String], source: String)? {
        var owners = [(path: String, attributes: [HDF5Attribute])]()
        for path in paths {
            if let info = file.root.dataset(at: path) { owners.append((path, info.attributes)) }
        }
        var groupPaths = paths.map(Self.group(of:))
        groupPaths.append("")
        for groupPath in groupPaths {
            if let group = file.root.group(at: groupPath) { owners.append((groupPath, group.attributes)) }
        }
        for owner in owners {
            for key in DatasetSelection.classNameKeys {
                if let names = owner.attributes.first(where: { $0.name == key })?.value.strings, !names.isEmpty {
                    let source = (owner.path.isEmpty ? "/" : owner.path) + "@" + key
                    reasons.append("class names: \(names.count) from attribute \(source)")
                    return (names, source)
                }
            }
        }
        if let dataset = datasets.first(where: {
            DatasetSelection.classNameKeys.contains($0.name) && $0.elementType.dtype == nil
        }),
            case .string = dataset.elementType,
            let names = try? HDF5StringReader.strings(file: file, dataset: dataset.path), !names.isEmpty
        {
            reasons.append("class names: \(names.count) from dataset \"\(dataset.path)\"")
            return (names, dataset.path)
        }
        return nil
    }
}
