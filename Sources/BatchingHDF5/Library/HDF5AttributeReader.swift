import CHDF5

/// Reads every attribute of an object into ``HDF5Attribute`` values.
enum HDF5AttributeReader {
    /// The attributes of the object `object`, in name order; unreadable ones are described, not
    /// thrown, so that describing a file never fails on an odd attribute.
    static func attributes(of object: hid_t) -> [HDF5Attribute] {
        var info = H5O_info_t()
        guard H5Oget_info2(object, &info, bv_H5O_INFO_NUM_ATTRS()) >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            return []
        }
        var result = [HDF5Attribute]()
        for index in 0..<info.num_attrs {
            let id = H5Aopen_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, index, bv_H5P_DEFAULT(), bv_H5P_DEFAULT())
            guard id >= 0 else {
                _ = HDF5Library.takeErrorMessage()
                continue
            }
            let attribute = HDF5Handle(id)
            let name = HDF5Library.string { H5Aget_name(attribute.id, $1, $0) } ?? "?"
            result.append(HDF5Attribute(name: name, value: value(of: attribute.id)))
        }
        return result
    }

    private static func value(of attribute: hid_t) -> HDF5AttributeValue {
        let typeID = H5Aget_type(attribute)
        let spaceID = H5Aget_space(attribute)
        guard typeID >= 0, spaceID >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            return .unsupported("unreadable")
        }
        let type = HDF5Handle(typeID)
        let space = HDF5Handle(spaceID)
        let count = Int(max(H5Sget_simple_extent_npoints(space.id), 0))
        // Numbers are read as doubles, variable-length strings as pointers: 8 bytes each at least.
        guard HDF5SmallRead.bytes(count: count, elementSize: max(H5Tget_size(type.id), 8)) != nil else {
            return .unsupported("\(count) values, too many for an attribute")
        }
        switch HDF5TypeReader.elementType(type.id) {
        case .string(let length):
            let strings =
                if let length {
                    fixedStrings(attribute, type: type.id, length: length, count: count)
                } else {
                    variableStrings(attribute, type: type.id, space: space.id, count: count)
                }
            return strings.map(HDF5AttributeValue.strings) ?? .unsupported("unreadable text")
        case .numeric, .float16:
            // libhdf5 converts half-precision to double itself.
            var values = [Double](repeating: 0, count: count)
            guard H5Aread(attribute, bv_H5T_NATIVE_DOUBLE(), &values) >= 0 else {
                _ = HDF5Library.takeErrorMessage()
                return .unsupported("unreadable numbers")
            }
            return .numbers(values)
        case .enumeration(let enumeration):
            return .unsupported(enumeration.description)
        case .unsupported(let text):
            return .unsupported(text)
        }
    }

    private static func fixedStrings(_ attribute: hid_t, type: hid_t, length: Int, count: Int) -> [String]? {
        var bytes = [UInt8](repeating: 0, count: max(length * count, 1))
        guard H5Aread(attribute, type, &bytes) >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            return nil
        }
        let padded = H5Tget_strpad(type) == H5T_STR_SPACEPAD
        return (0..<count).map { index in
            var slice = bytes[(index * length)..<((index + 1) * length)]
            if let zero = slice.firstIndex(of: 0) { slice = slice[..<zero] }
            var text = String(decoding: slice, as: UTF8.self)
            if padded { while text.hasSuffix(" ") { text.removeLast() } }
            return text
        }
    }

    private static func variableStrings(_ attribute: hid_t, type: hid_t, space: hid_t, count: Int) -> [String]? {
        let memoryID = H5Tcopy(bv_H5T_C_S1())
        guard memoryID >= 0 else { return nil }
        let memory = HDF5Handle(memoryID)
        H5Tset_size(memory.id, bv_H5T_VARIABLE())
        H5Tset_cset(memory.id, H5Tget_cset(type))
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: max(count, 1))
        guard H5Aread(attribute, memory.id, &pointers) >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            return nil
        }
        let strings = pointers.prefix(count).map { $0.map { String(cString: $0) } ?? "" }
        H5Dvlen_reclaim(memory.id, space, bv_H5P_DEFAULT(), &pointers)
        return strings
    }
}
