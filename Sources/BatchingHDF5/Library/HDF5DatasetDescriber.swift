import CHDF5

/// Describes one open dataset, refusing numbers in its header that no reader can use.
enum HDF5DatasetDescriber {
    /// Shape, type, layout, chunks, filters and attributes of the open dataset `dataset`.
    ///
    /// - Throws: ``HDF5Error/damagedDataset(file:dataset:problem:)`` when its extents, maximum
    ///   extents or chunk extents cannot be (an extent over its maximum, a chunk larger than a
    ///   fixed axis or over 4 GiB) or its object header is damaged (``HDF5HeaderCheck``);
    ///   ``HDF5Error/readFailed(file:dataset:detail:)`` when libhdf5 cannot say.
    static func describe(_ dataset: hid_t, path: String, file: String) throws -> HDF5DatasetInfo {
        let failure: (String) -> HDF5Error = { .readFailed(file: file, dataset: path, detail: $0) }
        let space = try HDF5Library.handle(H5Dget_space(dataset), failure)
        let rank = Int(H5Sget_simple_extent_ndims(space.id))
        guard rank >= 0 else { throw failure(HDF5Library.takeErrorMessage() ?? "its dataspace is unreadable") }
        var dims = [hsize_t](repeating: 0, count: max(rank, 1))
        var maxDims = [hsize_t](repeating: 0, count: max(rank, 1))
        if rank > 0 { try HDF5Library.check(H5Sget_simple_extent_dims(space.id, &dims, &maxDims), failure) }
        let type = try HDF5Library.handle(H5Dget_type(dataset), failure)
        let plist = try HDF5Library.handle(H5Dget_create_plist(dataset), failure)
        let layout: HDF5Layout
        var chunk: [hsize_t]?
        switch H5Pget_layout(plist.id) {
        case H5D_COMPACT: layout = .compact
        case H5D_CHUNKED:
            layout = .chunked
            var extents = [hsize_t](repeating: 0, count: 32)
            let chunkRank = Int(H5Pget_chunk(plist.id, 32, &extents))
            _ = HDF5Library.takeErrorMessage()
            chunk = chunkRank >= 0 ? Array(extents.prefix(min(chunkRank, 32))) : nil
        case H5D_VIRTUAL: layout = .virtual
        default: layout = .contiguous
        }
        let stored = HDF5StoredShape(
            extents: Array(dims.prefix(rank)), maxExtents: Array(maxDims.prefix(rank)), chunk: chunk)
        let storageSize = Int(clamping: H5Dget_storage_size(dataset))
        let storedElement = Self.storedElementSize(type.id)
        // A compact dataset's bytes are checked against its shape (after the shape itself) only
        // when its elements have a fixed stored size (variable-length ones are a length and a
        // heap ID each).
        func compactProblem() -> String? {
            guard layout == .compact, case .bytes(let size) = storedElement else { return nil }
            return stored.compactProblem(storedBytes: storageSize, elementSize: size)
        }
        if let problem = stored.problem(elementSize: H5Tget_size(type.id))
            ?? compactProblem()
            ?? HDF5HeaderCheck.problem(of: dataset, filePath: file, elementSize: storedElement)
            ?? fillValueProblem(plist.id)
        {
            throw HDF5Error.damagedDataset(file: file, dataset: path, problem: problem)
        }
        // Checked above: every extent fits an Int, every chunk extent is under 4 GiB.
        return HDF5DatasetInfo(
            path: path, shape: stored.extents.map { Int($0) }, elementType: HDF5TypeReader.elementType(type.id),
            layout: layout, chunkShape: chunk.map { $0.map { Int($0) } },
            filters: try filters(plist.id) { .damagedDataset(file: file, dataset: path, problem: $0) },
            attributes: HDF5AttributeReader.attributes(of: dataset),
            storageSize: storageSize)
    }

    /// Why the fill value of the creation properties `plist` is damaged: its stored size and
    /// value contradict each other, so libhdf5 (1.10 and 2.0) refuses to read the dataset
    /// ("invalid combination of fill-value info") while a reader of the file's bytes would not.
    /// How elements of `type` are stored in the file: `H5Tget_size` for fixed-size types, but a
    /// variable-length string or sequence is stored as a length and a heap ID (not the pointer
    /// `H5Tget_size` measures), and a type holding one among other members is not sized here.
    private static func storedElementSize(_ type: hid_t) -> HDF5HeaderCheck.StoredElementSize {
        if H5Tget_class(type) == H5T_VLEN || H5Tis_variable_str(type) > 0 { return .variableLength }
        return holdsVariableLength(type) ? .unchecked : .bytes(H5Tget_size(type))
    }

    /// Whether `type` is or holds a variable-length string or sequence (libhdf5 1.10's
    /// `H5Tdetect_class` does not count variable-length strings as `H5T_VLEN`).
    private static func holdsVariableLength(_ type: hid_t) -> Bool {
        H5Tis_variable_str(type) > 0 || H5Tdetect_class(type, H5T_VLEN) > 0
    }

    private static func fillValueProblem(_ plist: hid_t) -> String? {
        var status = H5D_FILL_VALUE_ERROR
        guard H5Pfill_value_defined(plist, &status) < 0 || status == H5D_FILL_VALUE_ERROR else { return nil }
        _ = HDF5Library.takeErrorMessage()
        return "its fill value message contradicts itself (a size without a value, or a value without a size)"
    }

    /// The filter pipeline; a filter libhdf5 cannot describe is an error, never left out (a
    /// reader that skipped it would return still-filtered bytes).
    private static func filters(_ plist: hid_t, damaged: (String) -> HDF5Error) throws -> [HDF5Filter] {
        let count = H5Pget_nfilters(plist)
        guard count >= 0 else { throw damaged(HDF5Library.takeErrorMessage() ?? "its filter pipeline is unreadable") }
        return try (0..<UInt32(count)).map { index in
            var flags: UInt32 = 0
            var valueCount = 16
            var config: UInt32 = 0
            var values = [UInt32](repeating: 0, count: 16)
            var name = [CChar](repeating: 0, count: 256)
            let id = H5Pget_filter2(plist, index, &flags, &valueCount, &values, 256, &name, &config)
            guard id >= 0 else {
                let detail = HDF5Library.takeErrorMessage().map { " (\($0))" } ?? ""
                throw damaged("filter \(index + 1) of its pipeline is unreadable\(detail)")
            }
            let available = H5Zfilter_avail(id) > 0
            _ = HDF5Library.takeErrorMessage()
            return HDF5Filter(
                id: Int(id), parameters: Array(values.prefix(min(valueCount, 16))), isAvailable: available)
        }
    }
}
