import CHDF5

/// Walks a file's groups and describes every member.
enum HDF5TreeReader {
    /// The group tree under the open group `group` at `path`.
    ///
    /// Hard links that lead back to a group already visited are listed as `.other` rather than
    /// followed, so a file with cycles cannot hang the walk.
    static func group(_ group: hid_t, path: String, file: String, visited: inout Set<UInt64>) throws -> HDF5Group {
        if let problem = HDF5HeaderCheck.problem(of: group, filePath: file) {
            throw HDF5Error.unreadableFile(path: file, detail: "group '/\(path)' is damaged: \(problem)")
        }
        var info = H5G_info_t()
        try HDF5Library.check(H5Gget_info(group, &info)) { .unreadableFile(path: file, detail: $0) }
        var children = [HDF5Node]()
        for index in 0..<info.nlinks {
            guard
                let name = HDF5Library.string({
                    H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, $0, $1, bv_H5P_DEFAULT())
                })
            else {
                throw HDF5Error.unreadableFile(
                    path: file, detail: HDF5Library.takeErrorMessage() ?? "a link name is unreadable")
            }
            let childPath = path.isEmpty ? name : path + "/" + name
            children.append(try node(in: group, name: name, path: childPath, file: file, visited: &visited))
        }
        return HDF5Group(path: path, attributes: HDF5AttributeReader.attributes(of: group), children: children)
    }

    private static func node(
        in group: hid_t, name: String, path: String, file: String,
        visited: inout Set<UInt64>
    ) throws -> HDF5Node {
        var link = H5L_info_t()
        try HDF5Library.check(H5Lget_info(group, name, &link, bv_H5P_DEFAULT())) {
            .unreadableFile(path: file, detail: $0)
        }
        switch link.type {
        case H5L_TYPE_SOFT:
            let target = linkValue(group, name: name, size: link.u.val_size).map(cText) ?? "?"
            return .softLink(path: path, target: target)
        case H5L_TYPE_EXTERNAL:
            guard let raw = linkValue(group, name: name, size: link.u.val_size) else {
                return .externalLink(path: path, file: "?", object: "?")
            }
            var fileName: UnsafePointer<CChar>?
            var objectName: UnsafePointer<CChar>?
            var flags: UInt32 = 0
            let ok = raw.withUnsafeBufferPointer {
                H5Lunpack_elink_val($0.baseAddress, link.u.val_size, &flags, &fileName, &objectName) >= 0
            }
            return .externalLink(
                path: path, file: ok ? fileName.map { String(cString: $0) } ?? "?" : "?",
                object: ok ? objectName.map { String(cString: $0) } ?? "?" : "?")
        case H5L_TYPE_HARD:
            return try hardLink(in: group, name: name, path: path, file: file, visited: &visited)
        default:
            return .other(path: path, kind: "a user-defined link")
        }
    }

    private static func hardLink(
        in group: hid_t, name: String, path: String, file: String,
        visited: inout Set<UInt64>
    ) throws -> HDF5Node {
        var object = H5O_info_t()
        try HDF5Library.check(H5Oget_info_by_name2(group, name, &object, bv_H5O_INFO_BASIC(), bv_H5P_DEFAULT())) {
            .unreadableFile(path: file, detail: $0)
        }
        switch object.type {
        case H5O_TYPE_GROUP:
            guard visited.insert(UInt64(object.addr)).inserted else {
                return .other(path: path, kind: "a second link to a group listed elsewhere")
            }
            let child = try HDF5Library.handle(H5Gopen2(group, name, bv_H5P_DEFAULT())) {
                .unreadableFile(path: file, detail: $0)
            }
            return .group(try self.group(child.id, path: path, file: file, visited: &visited))
        case H5O_TYPE_DATASET:
            let dataset = try HDF5Library.handle(H5Dopen2(group, name, bv_H5P_DEFAULT())) {
                .readFailed(file: file, dataset: path, detail: $0)
            }
            return .dataset(try HDF5DatasetDescriber.describe(dataset.id, path: path, file: file))
        case H5O_TYPE_NAMED_DATATYPE:
            return .other(path: path, kind: "a named datatype")
        default:
            return .other(path: path, kind: "an unknown object")
        }
    }

    private static func cText(_ chars: [CChar]) -> String {
        String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func linkValue(_ group: hid_t, name: String, size: Int) -> [CChar]? {
        var buffer = [CChar](repeating: 0, count: size + 1)
        guard H5Lget_val(group, name, &buffer, size, bv_H5P_DEFAULT()) >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            return nil
        }
        return buffer
    }
}
