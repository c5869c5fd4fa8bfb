import Batching
import CHDF5
import Foundation

/// Writes HDF5 files: groups, datasets of any ``DType`` in either byte order with contiguous,
/// compact or chunked storage (gzip, shuffle), string and number attributes, and soft links.
///
/// Used by the tests, by `batchview import` and for the demo assets. The file is complete once
/// ``close()`` returns (or the writer is released).
///
/// ```swift
/// let writer = try HDF5Writer(creating: "out.h5")
/// try writer.write(images, to: "train/images", storage: .chunked([64, 28, 28], gzip: 4, shuffle: true))
/// try writer.write(labels, to: "train/labels")
/// try writer.setAttribute("class_names", strings: ["cat", "dog"], on: "train")
/// try writer.close()
/// ```
public final class HDF5Writer {
    /// The path being written.
    public let path: String
    private var file: HDF5Handle?

    /// Creates (or replaces, when `overwrite`) the file at `path`.
    ///
    /// - Throws: ``HDF5Error/writeFailed(path:detail:)``.
    public init(creating path: String, overwrite: Bool = true) throws {
        self.path = path
        let flags = overwrite ? bv_H5F_ACC_TRUNC() : bv_H5F_ACC_EXCL()
        file = try HDF5Library.call {
            try HDF5Library.handle(H5Fcreate(path, flags, bv_H5P_DEFAULT(), bv_H5P_DEFAULT())) {
                .writeFailed(path: path, detail: $0)
            }
        }
    }

    private func fileID() throws -> hid_t {
        guard let file else { throw HDF5Error.writeFailed(path: path, detail: "the writer is already closed") }
        return file.id
    }

    private func failure(_ object: String) -> (String) -> HDF5Error {
        { [path] in .writeFailed(path: path, detail: "\(object): \($0)") }
    }

    private func linkCreationList() throws -> HDF5Handle {
        let list = try HDF5Library.handle(H5Pcreate(bv_H5P_LINK_CREATE()), failure("link properties"))
        try HDF5Library.check(H5Pset_create_intermediate_group(list.id, 1), failure("link properties"))
        return list
    }

    /// Creates the group at `path` and any missing groups above it.
    public func createGroup(_ path: String) throws {
        let id = try fileID()
        try HDF5Library.call {
            let links = try linkCreationList()
            _ = try HDF5Library.handle(
                H5Gcreate2(id, HDF5Group.normalise(path), links.id, bv_H5P_DEFAULT(), bv_H5P_DEFAULT()),
                failure(path))
        }
    }

    /// Writes `tensor` as a new dataset at `path` (missing groups are created).
    ///
    /// - Parameters:
    ///   - storage: layout, chunks and filters; a dataset with no rows is always contiguous.
    ///   - byteOrder: the byte order stored in the file (the library converts).
    public func write(
        _ tensor: Tensor, to path: String, storage: HDF5Storage = .contiguous,
        byteOrder: HDF5ByteOrder = .little
    ) throws {
        let id = try fileID()
        let name = HDF5Group.normalise(path)
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
                H5Dcreate2(id, name, fileType.id, space.id, links.id, create.id, bv_H5P_DEFAULT()), fail)
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

    /// Attaches a list of strings (fixed-length UTF-8, as h5py writes byte-string arrays) named
    /// `name` to the group or dataset at `path` (`""` or `"/"` for the root).
    public func setAttribute(_ name: String, strings: [String], on path: String = "/") throws {
        let length = max(strings.map { $0.utf8.count }.max() ?? 1, 1)
        var bytes = [UInt8](repeating: 0, count: length * max(strings.count, 1))
        for (index, text) in strings.enumerated() {
            for (offset, byte) in text.utf8.enumerated() { bytes[index * length + offset] = byte }
        }
        try attach(name, on: path, count: strings.count) { fail in
            let type = try HDF5Library.handle(H5Tcopy(bv_H5T_C_S1()), fail)
            try HDF5Library.check(H5Tset_size(type.id, length), fail)
            try HDF5Library.check(H5Tset_strpad(type.id, H5T_STR_NULLPAD), fail)
            try HDF5Library.check(H5Tset_cset(type.id, H5T_CSET_UTF8), fail)
            return (type, type.id, bytes)
        }
    }

    /// Attaches a list of numbers (stored as float64) named `name` to the object at `path`.
    public func setAttribute(_ name: String, numbers: [Double], on path: String = "/") throws {
        try attach(name, on: path, count: numbers.count) { _ in
            (nil, bv_H5T_NATIVE_DOUBLE(), numbers.withUnsafeBytes { Array($0) })
        }
    }

    private func attach(
        _ name: String, on path: String, count: Int,
        _ makeType: ((String) -> HDF5Error) throws -> (HDF5Handle?, hid_t, [UInt8])
    ) throws {
        let id = try fileID()
        let fail = failure("attribute \(name) of /\(HDF5Group.normalise(path))")
        try HDF5Library.call {
            let object = try HDF5Library.handle(H5Oopen(id, path.isEmpty ? "/" : path, bv_H5P_DEFAULT()), fail)
            var dims = [hsize_t(count)]
            let space = try HDF5Library.handle(H5Screate_simple(1, &dims, nil), fail)
            let (owner, type, bytes) = try makeType(fail)
            let attribute = try HDF5Library.handle(
                H5Acreate2(object.id, name, type, space.id, bv_H5P_DEFAULT(), bv_H5P_DEFAULT()), fail)
            try bytes.withUnsafeBytes { try HDF5Library.check(H5Awrite(attribute.id, type, $0.baseAddress), fail) }
            withExtendedLifetime(owner) {}
        }
    }

    /// Creates a soft link at `path` pointing to `target` (which need not exist).
    public func createSoftLink(at path: String, to target: String) throws {
        let id = try fileID()
        try HDF5Library.call {
            let links = try linkCreationList()
            try HDF5Library.check(
                H5Lcreate_soft(target, id, HDF5Group.normalise(path), links.id, bv_H5P_DEFAULT()), failure(path))
        }
    }

    /// Flushes and closes the file; later calls throw.
    public func close() throws {
        guard let file else { return }
        try HDF5Library.call {
            try HDF5Library.check(H5Fflush(file.id, H5F_SCOPE_GLOBAL), failure("flush"))
        }
        self.file = nil
    }
}
