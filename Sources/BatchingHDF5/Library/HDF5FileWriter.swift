import Batching
import CHDF5

/// The libhdf5 side of ``HDF5Writer``: one file created for writing and the groups, datasets,
/// attributes and soft links put into it. Paths arrive normalised; every failure becomes
/// ``HDF5Error/writeFailed(path:detail:)`` naming the object being written.
///
/// ```swift
/// let file = try HDF5FileWriter(creating: "out.h5", overwrite: true)
/// try file.createDataset(images, at: "train/images", storage: .contiguous, byteOrder: .little)
/// try file.flush()
/// ```
final class HDF5FileWriter {
    /// The values of an attribute, with the type they are stored as.
    enum AttributeValues {
        /// Fixed-length UTF-8 strings of `length` bytes each, null-padded, packed one after another.
        case strings(length: Int, packed: [UInt8])
        /// Numbers stored as float64.
        case float64([Double])
    }

    /// The path being written.
    let path: String
    private let file: HDF5Handle

    /// Creates (or replaces, when `overwrite`) the file at `path`.
    init(creating path: String, overwrite: Bool) throws {
        self.path = path
        let flags = overwrite ? bv_H5F_ACC_TRUNC() : bv_H5F_ACC_EXCL()
        file = try HDF5Library.call {
            let file = try HDF5Library.handle(H5Fcreate(path, flags, bv_H5P_DEFAULT(), bv_H5P_DEFAULT())) {
                .writeFailed(path: path, detail: $0)
            }
            // A child spawned while the file is being written would keep its write lock after close.
            _ = bv_set_close_on_exec(file.id)
            return file
        }
    }

    private func failure(_ object: String) -> (String) -> HDF5Error {
        { [path] in .writeFailed(path: path, detail: "\(object): \($0)") }
    }

    private func linkCreationList() throws -> HDF5Handle {
        let list = try HDF5Library.handle(H5Pcreate(bv_H5P_LINK_CREATE()), failure("link properties"))
        try HDF5Library.check(H5Pset_create_intermediate_group(list.id, 1), failure("link properties"))
        return list
    }

    /// Creates the group at `name` and any missing groups above it.
    func createGroup(_ name: String) throws {
        try HDF5Library.call {
            let links = try linkCreationList()
            _ = try HDF5Library.handle(
                H5Gcreate2(file.id, name, links.id, bv_H5P_DEFAULT(), bv_H5P_DEFAULT()), failure(name))
        }
    }

    /// Writes `tensor` as a new dataset at `name` (missing groups are created).
    func createDataset(_ tensor: Tensor, at name: String, storage: HDF5Storage, byteOrder: HDF5ByteOrder) throws {
        let fail = failure(name)
        try HDF5Library.call {
            var dims = tensor.shape.map { hsize_t($0) }
            let space = try HDF5Library.handle(
                tensor.shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), &dims, nil), fail)
            let fileType = try storedType(tensor.dtype, byteOrder: byteOrder, fail)
            let create = try HDF5Library.handle(H5Pcreate(bv_H5P_DATASET_CREATE()), fail)
            try configure(create.id, storage: storage, shape: tensor.shape, fail)
            let links = try linkCreationList()
            let dataset = try HDF5Library.handle(
                H5Dcreate2(file.id, name, fileType.id, space.id, links.id, create.id, bv_H5P_DEFAULT()), fail)
            guard tensor.elementCount > 0 else { return }
            let boolMemoryType = tensor.dtype == .bool ? try boolType(fail) : nil
            let memoryType = boolMemoryType?.id ?? HDF5Library.nativeType(tensor.dtype)
            try tensor.withUnsafeBytes { bytes in
                try HDF5Library.check(
                    H5Dwrite(dataset.id, memoryType, bv_H5S_ALL(), bv_H5S_ALL(), bv_H5P_DEFAULT(), bytes.baseAddress),
                    fail)
            }
            withExtendedLifetime(boolMemoryType) {}
        }
    }

    private func configure(_ list: hid_t, storage: HDF5Storage, shape: [Int], _ fail: (String) -> HDF5Error) throws {
        let empty = shape.isEmpty || shape.contains(0)
        switch storage.layout {
        case .chunked where !empty:
            var chunk = (storage.chunkShape ?? shape).enumerated().map { axis, extent in
                hsize_t(max(1, min(extent, axis < shape.count ? shape[axis] : extent)))
            }
            guard chunk.count == shape.count else {
                throw HDF5Error.writeFailed(
                    path: path,
                    detail: "chunk shape \(storage.chunkShape ?? []) does not match the dataset's \(shape.count) axes")
            }
            try HDF5Library.check(H5Pset_chunk(list, Int32(chunk.count), &chunk), fail)
            if storage.shuffle { try HDF5Library.check(H5Pset_shuffle(list), fail) }
            if let level = storage.gzipLevel {
                try HDF5Library.check(H5Pset_deflate(list, UInt32(max(0, min(level, 9)))), fail)
            }
        case .compact where !empty:
            try HDF5Library.check(H5Pset_layout(list, H5D_COMPACT), fail)
        default:
            try HDF5Library.check(H5Pset_layout(list, H5D_CONTIGUOUS), fail)
        }
    }

    private func storedType(_ dtype: DType, byteOrder: HDF5ByteOrder, _ fail: (String) -> HDF5Error) throws
        -> HDF5Handle
    {
        if dtype == .bool { return try boolType(fail) }
        let type = try HDF5Library.handle(H5Tcopy(HDF5Library.nativeType(dtype)), fail)
        try HDF5Library.check(H5Tset_order(type.id, byteOrder == .big ? H5T_ORDER_BE : H5T_ORDER_LE), fail)
        return type
    }

    /// h5py's bool: an enum over int8 with FALSE = 0 and TRUE = 1.
    private func boolType(_ fail: (String) -> HDF5Error) throws -> HDF5Handle {
        let type = try HDF5Library.handle(H5Tenum_create(bv_H5T_NATIVE_INT8()), fail)
        var no: Int8 = 0
        var yes: Int8 = 1
        try HDF5Library.check(H5Tenum_insert(type.id, "FALSE", &no), fail)
        try HDF5Library.check(H5Tenum_insert(type.id, "TRUE", &yes), fail)
        return type
    }

    /// Attaches `values` as a one-dimensional attribute `name` of `count` entries to the object at
    /// `objectPath` (`"/"` for the root); `described` names it in errors.
    func attach(_ name: String, values: AttributeValues, count: Int, on objectPath: String, described: String) throws {
        let fail = failure(described)
        try HDF5Library.call {
            let object = try HDF5Library.handle(H5Oopen(file.id, objectPath, bv_H5P_DEFAULT()), fail)
            var dims = [hsize_t(count)]
            let space = try HDF5Library.handle(H5Screate_simple(1, &dims, nil), fail)
            let owned: HDF5Handle?
            let type: hid_t
            let bytes: [UInt8]
            switch values {
            case .strings(let length, let packed):
                let strings = try HDF5Library.handle(H5Tcopy(bv_H5T_C_S1()), fail)
                try HDF5Library.check(H5Tset_size(strings.id, length), fail)
                try HDF5Library.check(H5Tset_strpad(strings.id, H5T_STR_NULLPAD), fail)
                try HDF5Library.check(H5Tset_cset(strings.id, H5T_CSET_UTF8), fail)
                (owned, type, bytes) = (strings, strings.id, packed)
            case .float64(let numbers):
                (owned, type, bytes) = (nil, bv_H5T_NATIVE_DOUBLE(), numbers.withUnsafeBytes { Array($0) })
            }
            let attribute = try HDF5Library.handle(
                H5Acreate2(object.id, name, type, space.id, bv_H5P_DEFAULT(), bv_H5P_DEFAULT()), fail)
            try bytes.withUnsafeBytes { try HDF5Library.check(H5Awrite(attribute.id, type, $0.baseAddress), fail) }
            withExtendedLifetime(owned) {}
        }
    }

    /// Creates a soft link at `name` pointing to `target` (which need not exist).
    func createSoftLink(at name: String, to target: String) throws {
        try HDF5Library.call {
            let links = try linkCreationList()
            try HDF5Library.check(H5Lcreate_soft(target, file.id, name, links.id, bv_H5P_DEFAULT()), failure(name))
        }
    }

    /// Flushes everything written to the file.
    func flush() throws {
        try HDF5Library.call {
            try HDF5Library.check(H5Fflush(file.id, H5F_SCOPE_GLOBAL), failure("flush"))
        }
    }
}
