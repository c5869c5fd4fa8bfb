import CHDF5

/// Reads a dataset of strings (fixed or variable length) whole, e.g. a `class_names` dataset.
enum HDF5StringReader {
    /// Every string of the dataset at `path`, in row-major order.
    static func strings(file: HDF5File, dataset path: String) throws -> [String] {
        let dataset = try file.dataset(path)
        let failure: (String) -> HDF5Error = { .readFailed(file: file.path, dataset: path, detail: $0) }
        return try HDF5Library.call {
            let type = try HDF5Library.handle(H5Dget_type(dataset.library.id), failure)
            let space = try HDF5Library.handle(H5Dget_space(dataset.library.id), failure)
            let count = Int(max(H5Sget_simple_extent_npoints(space.id), 0))
            guard HDF5SmallRead.bytes(count: count, elementSize: max(H5Tget_size(type.id), 8)) != nil else {
                throw failure("it claims \(count) strings, more than a list of names can hold")
            }
            switch dataset.info.elementType {
            case .string(let length?):
                var bytes = [UInt8](repeating: 0, count: max(length * count, 1))
                try HDF5Library.check(
                    H5Dread(dataset.library.id, type.id, bv_H5S_ALL(), bv_H5S_ALL(), bv_H5P_DEFAULT(), &bytes), failure)
                return (0..<count).map { index in
                    var slice = bytes[(index * length)..<((index + 1) * length)]
                    if let zero = slice.firstIndex(of: 0) { slice = slice[..<zero] }
                    return String(decoding: slice, as: UTF8.self).trimmingTrailingSpaces()
                }
            case .string(nil):
                let memory = try HDF5Library.handle(H5Tcopy(bv_H5T_C_S1()), failure)
                H5Tset_size(memory.id, bv_H5T_VARIABLE())
                H5Tset_cset(memory.id, H5Tget_cset(type.id))
                var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: max(count, 1))
                try HDF5Library.check(
                    H5Dread(dataset.library.id, memory.id, bv_H5S_ALL(), bv_H5S_ALL(), bv_H5P_DEFAULT(), &pointers),
                    failure
                )
                let strings = pointers.prefix(count).map { $0.map { String(cString: $0) } ?? "" }
                H5Dvlen_reclaim(memory.id, space.id, bv_H5P_DEFAULT(), &pointers)
                return strings
            default:
                throw HDF5Error.unsupportedType(file: file.path, dataset: path, type: dataset.info.elementType.prose)
            }
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
