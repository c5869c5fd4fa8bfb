import BatchingHDF5
import Foundation

/// What `batchview info` prints, as text or JSON.
struct InfoReport: Encodable {
    struct Attribute: Encodable {
        var name: String
        var value: String
        var strings: [String]?
        var numbers: [Double]?
    }
    struct Filter: Encodable {
        var id: Int
        var name: String
        var parameters: [UInt32]
        var available: Bool
        /// `direct`, `direct, liblz4` (a codec of the direct path; `direct, exact` or `direct, zlib`
        /// for deflate), `libhdf5` or `plugin`
        /// (``HDF5Filter/decoder``); absent when nothing decodes it.
        var decoder: String?
        /// The Debian package that adds a decoder, when one does.
        var package: String?

        /// The text after the filter's name: nothing when the fast path decodes it as it always
        /// has (shuffle), else how it is decoded ("direct, exact", "direct, liblz4", "plugin" …), or that
        /// nothing here can and what would.
        var howDecoded: String {
            switch decoder {
            case "direct": ""
            case let decoder?: " (\(decoder))"
            case nil: " (id \(id), NOT AVAILABLE" + (package.map { ": install \($0)" } ?? "") + ")"
            }
        }
    }
    struct Node: Encodable {
        var path: String
        var kind: String
        var shape: [Int]?
        var dtype: String?
        var byteOrder: String?
        var layout: String?
        var chunks: [Int]?
        var filters: [Filter]?
        var storageBytes: Int?
        var target: String?
        /// For a link that leads to no dataset batchview reads: why ("nowhere.h5 is missing").
        var note: String?
        var attributes: [Attribute]?
    }
    struct FileEntry: Encodable {
        var path: String
        var bytes: Int
        var samples: Int?
    }
    struct Picked: Encodable {
        var images: String
        var labels: String?
        var layout: String
        var classNames: [String]?
        var classNamesSource: String?
        var samples: Int
        var reasons: [String]
    }

    var path: String
    var files: [FileEntry]
    var nodes: [Node]
    /// What was picked; absent when the source cannot be iterated (the reason goes to stderr).
    var picked: Picked?

    /// The report of `folder`, with what `source` picked when it opened; filters say how they
    /// decode when whole deflate chunks inflate with `deflate`.
    init(folder: BatchFolder, source: HDF5Source?, deflate: DeflateDecoder = .exact) {
        path = folder.path
        files = folder.files.enumerated().map { index, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            return FileEntry(path: file.path, bytes: size, samples: source?.perFile[index].images.rowCount)
        }
        let first = folder.files[0]
        let broken = Dictionary(first.brokenLinks.map { ($0.link, $0.state.summary) }) { a, _ in a }
        nodes = InfoReport.flatten(first.root, broken: broken, deflate: deflate)
        picked = source.map { source in
            Picked(
                images: source.selection.images, labels: source.selection.labels, layout: source.layout.rawValue,
                classNames: source.classNames, classNamesSource: source.selection.classNamesSource,
                samples: source.sampleCount, reasons: source.selection.reasons)
        }
    }

    private static func attributes(_ list: [HDF5Attribute]) -> [Attribute]? {
        guard !list.isEmpty else { return nil }
        return list.map { attribute in
            var numbers: [Double]?
            if case .numbers(let values) = attribute.value { numbers = values }
            return Attribute(
                name: attribute.name, value: attribute.value.description, strings: attribute.value.strings,
                numbers: numbers)
        }
    }

    private static func flatten(_ group: HDF5Group, broken: [String: String], deflate: DeflateDecoder) -> [Node] {
        var nodes = [Node(path: "/" + group.path, kind: "group", attributes: attributes(group.attributes))]
        for child in group.children {
            switch child {
            case .group(let inner):
                nodes += flatten(inner, broken: broken, deflate: deflate)
            case .dataset(let info):
                nodes.append(
                    Node(
                        path: "/" + info.path, kind: "dataset", shape: info.shape, dtype: info.elementType.description,
                        byteOrder: info.elementType.byteOrder?.rawValue, layout: info.layout.rawValue,
                        chunks: info.chunkShape,
                        filters: info.filters.map {
                            Filter(
                                id: $0.id, name: $0.name, parameters: $0.parameters, available: $0.isAvailable,
                                decoder: $0.decoder(deflate: deflate), package: $0.decoderPackage)
                        },
                        storageBytes: info.storageSize, attributes: attributes(info.attributes)))
            case .softLink(let path, let target):
                nodes.append(Node(path: "/" + path, kind: "soft link", target: target, note: broken[path]))
            case .externalLink(let path, let file, let object):
                nodes.append(
                    Node(path: "/" + path, kind: "external link", target: "\(file):\(object)", note: broken[path]))
            case .other(let path, let kind):
                nodes.append(Node(path: "/" + path, kind: kind))
            }
        }
        return nodes
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    func text() -> String {
        var lines = [String]()
        if files.count > 1 {
            lines.append("\(path): \(files.count) files")
            for file in files {
                lines.append(
                    "  \((file.path as NSString).lastPathComponent)  \(file.bytes) bytes\(file.samples.map { ", \($0) samples" } ?? "")"
                )
            }
            lines.append("Contents of \((files[0].path as NSString).lastPathComponent):")
        } else {
            lines.append("\(path)  (\(files.first?.bytes ?? 0) bytes)")
        }
        for node in nodes {
            let depth = node.path.split(separator: "/").count
            let indent = String(repeating: "  ", count: max(depth, 0))
            var line = indent + (node.path == "/" ? "/" : (node.path as NSString).lastPathComponent)
            switch node.kind {
            case "group": if node.path != "/" { line += "/" }
            case "dataset":
                let shape = node.shape ?? []
                line +=
                    "  " + (node.dtype ?? "?") + " "
                    + (shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")")
                line += "  " + (node.layout ?? "")
                if let chunks = node.chunks {
                    line += " chunks (" + chunks.map(String.init).joined(separator: ", ") + ")"
                }
                if let filters = node.filters, !filters.isEmpty {
                    line +=
                        "  filters: "
                        + filters.map {
                            $0.name + ($0.id == 1 ? " \($0.parameters.first ?? 0)" : "")
                                + $0.howDecoded
                        }.joined(separator: ", ")
                }
                if let bytes = node.storageBytes { line += "  \(bytes) bytes stored" }
            default:
                line += "  -> " + (node.target ?? "") + "  (\(node.kind)" + (node.note.map { ": " + $0 } ?? "") + ")"
            }
            lines.append(line)
            for attribute in node.attributes ?? [] {
                lines.append(indent + "  @" + attribute.name + " = " + attribute.value)
            }
        }
        if let picked {
            lines.append("Picked (\(picked.samples) samples):")
            lines += picked.reasons.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
