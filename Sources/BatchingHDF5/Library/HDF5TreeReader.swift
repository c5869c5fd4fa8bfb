import CHDF5

/// Walks a file's groups and describes every member.
enum HDF5TreeReader {
    /// The group tree under the open group `group` at `path`.
    ///
    /// Hard links that lead back to a group already visited are listed as `.other` rather than
    /// followed, so a file with cycles cannot hang the walk.
    static func group(_ group: hid_t, path: String, file: String, visited: inout Set<UInt64>) throws -> HDF5Group {
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

/// Describes one open dataset.
enum HDF5DatasetDescriber {
    /// Shape, type, layout, chunks, filters and attributes of the open dataset `dataset`.
    static func describe(_ dataset: hid_t, path: String, file: String) throws -> HDF5DatasetInfo {
        let failure: (String) -> HDF5Error = { .readFailed(file: file, dataset: path, detail: $0) }
        let space = try HDF5Library.handle(H5Dget_space(dataset), failure)
        let rank = Int(H5Sget_simple_extent_ndims(space.id))
        var dims = [hsize_t](repeating: 0, count: max(rank, 1))
        if rank > 0 { try HDF5Library.check(H5Sget_simple_extent_dims(space.id, &dims, nil), failure) }
        let shape = rank > 0 ? dims.map { Int($0) } : []
        let type = try HDF5Library.handle(H5Dget_type(dataset), failure)
        let plist = try HDF5Library.handle(H5Dget_create_plist(dataset), failure)
        let layout: HDF5Layout
        var chunkShape: [Int]?
        switch H5Pget_layout(plist.id) {
        case H5D_COMPACT: layout = .compact
        case H5D_CHUNKED:
            layout = .chunked
            var chunk = [hsize_t](repeating: 0, count: max(rank, 1))
            if H5Pget_chunk(plist.id, Int32(max(rank, 1)), &chunk) >= 0 {
                chunkShape = chunk.prefix(rank).map { Int($0) }
            }
        case H5D_VIRTUAL: layout = .virtual
        default: layout = .contiguous
        }
        return HDF5DatasetInfo(
            path: path, shape: shape, elementType: HDF5TypeReader.elementType(type.id), layout: layout,
            chunkShape: chunkShape, filters: filters(plist.id),
            attributes: HDF5AttributeReader.attributes(of: dataset),
            storageSize: Int(H5Dget_storage_size(dataset)))
    }

    private static func filters(_ plist: hid_t) -> [HDF5Filter] {
        let count = H5Pget_nfilters(plist)
        guard count > 0 else { return [] }
        return (0..<UInt32(count)).compactMap { index in
            var flags: UInt32 = 0
            var valueCount = 16
            var config: UInt32 = 0
            var values = [UInt32](repeating: 0, count: 16)
            var name = [CChar](repeating: 0, count: 256)
            let id = H5Pget_filter2(plist, index, &flags, &valueCount, &values, 256, &name, &config)
            guard id >= 0 else {
                _ = HDF5Library.takeErrorMessage()
                return nil
            }
            let available = H5Zfilter_avail(id) > 0
            _ = HDF5Library.takeErrorMessage()
            return HDF5Filter(
                id: Int(id), parameters: Array(values.prefix(min(valueCount, 16))), isAvailable: available)
        }
    }
}
