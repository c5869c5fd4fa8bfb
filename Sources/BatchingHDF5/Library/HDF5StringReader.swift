import CHDF5
import Glibc

/// Reads datasets of strings (fixed or variable length): whole, e.g. a `class_names` dataset,
/// or a slice of rows at a time, e.g. text labels.
///
/// Strings are the bytes libhdf5 returns: a fixed-length string ends at its first NUL when the
/// type says NUL-terminated, loses its trailing NULs (NumPy's reading of h5py's byte strings) or
/// spaces (Fortran's) when NUL- or space-padded; a variable-length string ends at its NUL.
enum HDF5StringReader {
    /// Every string of the dataset at `path`, in row-major order, decoded as UTF-8 (invalid
    /// bytes become U+FFFD).
    static func strings(file: HDF5File, dataset path: String) throws -> [String] {
        let dataset = try file.dataset(path)
        return try HDF5Library.call {
            let space = try HDF5Library.handle(H5Dget_space(dataset.library.id), failure(dataset))
            let count = Int(max(H5Sget_simple_extent_npoints(space.id), 0))
            return try read(
                dataset, elements: 0..<count, fileSpace: bv_H5S_ALL(), memorySpace: bv_H5S_ALL(), space: space.id
            )
            .map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The strings of rows `rows` of a 1-D string dataset, as bytes.
    ///
    /// - Throws: ``HDF5Error/readFailed(file:dataset:detail:)`` when libhdf5 cannot read them,
    ///   or they are more than ``HDF5SmallRead/largestBytes`` of pointers or text.
    static func byteStrings(_ dataset: HDF5Dataset, rows: Range<Int>) throws -> [[UInt8]] {
        try HDF5Library.call {
            let fail = failure(dataset)
            let fileSpace = try HDF5Library.handle(H5Dget_space(dataset.library.id), fail)
            guard H5Sget_simple_extent_ndims(fileSpace.id) == 1 else { throw fail("it is not 1-D") }
            var start = [hsize_t(rows.lowerBound)]
            var count = [hsize_t(rows.count)]
            try HDF5Library.check(H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, &start, nil, &count, nil), fail)
            let memorySpace = try HDF5Library.handle(H5Screate_simple(1, &count, nil), fail)
            return try read(
                dataset, elements: rows, fileSpace: fileSpace.id, memorySpace: memorySpace.id, space: memorySpace.id)
        }
    }

    private static func failure(_ dataset: HDF5Dataset) -> (String) -> HDF5Error {
        { .readFailed(file: dataset.filePath, dataset: dataset.info.path, detail: $0) }
    }

    /// The strings `elements` (in row-major order) of `dataset`, selected by `fileSpace` into
    /// `memorySpace`; `space` is a real dataspace of the memory's shape, for freeing
    /// variable-length strings, which are checked first (``HDF5VariableLengthCheck``).
    private static func read(
        _ dataset: HDF5Dataset, elements: Range<Int>, fileSpace: hid_t, memorySpace: hid_t, space: hid_t
    ) throws -> [[UInt8]] {
        let fail = failure(dataset)
        let count = elements.count
        let type = try HDF5Library.handle(H5Dget_type(dataset.library.id), fail)
        guard HDF5SmallRead.bytes(count: count, elementSize: max(H5Tget_size(type.id), 8)) != nil else {
            throw fail("it claims \(count) strings, more than batchview reads at once")
        }
        switch dataset.info.elementType {
        case .string(let length?):
            var bytes = [UInt8](repeating: 0, count: max(length * count, 1))
            try HDF5Library.check(
                H5Dread(dataset.library.id, type.id, memorySpace, fileSpace, bv_H5P_DEFAULT(), &bytes), fail)
            let padding = H5Tget_strpad(type.id)
            return (0..<count).map { index in
                trimmed(bytes[(index * length)..<((index + 1) * length)], padding: padding)
            }
        case .string(nil):
            try HDF5VariableLengthCheck.check(dataset, rows: elements, fail)
            let memory = try HDF5Library.handle(H5Tcopy(bv_H5T_C_S1()), fail)
            H5Tset_size(memory.id, bv_H5T_VARIABLE())
            H5Tset_cset(memory.id, H5Tget_cset(type.id))
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: max(count, 1))
            try HDF5Library.check(
                H5Dread(dataset.library.id, memory.id, memorySpace, fileSpace, bv_H5P_DEFAULT(), &pointers), fail)
            defer { H5Dvlen_reclaim(memory.id, space, bv_H5P_DEFAULT(), &pointers) }
            var total = 0
            var strings = [[UInt8]]()
            strings.reserveCapacity(count)
            for pointer in pointers.prefix(count) {
                guard let pointer else {
                    strings.append([])
                    continue
                }
                let length = strlen(pointer)
                total += length
                guard total <= HDF5SmallRead.largestBytes else {
                    throw fail("its strings hold more than \(HDF5SmallRead.largestBytes >> 20) MiB of text")
                }
                strings.append(Array(UnsafeRawBufferPointer(start: pointer, count: length)))
            }
            return strings
        default:
            throw HDF5Error.unsupportedType(
                file: dataset.filePath, dataset: dataset.info.path, type: dataset.info.elementType.prose)
        }
    }

    /// A fixed-length string's bytes without its padding.
    private static func trimmed(_ bytes: ArraySlice<UInt8>, padding: H5T_str_t) -> [UInt8] {
        bytes.withUnsafeBufferPointer { text in
            var end = text.count
            switch padding {
            case H5T_STR_NULLTERM:
                end = text.firstIndex(of: 0) ?? end
            default:
                let pad: UInt8 = padding == H5T_STR_SPACEPAD ? 0x20 : 0
                while end > 0, text[end - 1] == pad { end -= 1 }
            }
            return Array(text[..<end])
        }
    }
}
