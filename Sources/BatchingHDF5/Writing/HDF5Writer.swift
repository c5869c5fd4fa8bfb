import Batching
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
    private var file: HDF5FileWriter?

    /// Creates (or replaces, when `overwrite`) the file at `path`.
    ///
    /// - Throws: ``HDF5Error/writeFailed(path:detail:)``.
    public init(creating path: String, overwrite: Bool = true) throws {
        self.path = path
        file = try HDF5FileWriter(creating: path, overwrite: overwrite)
    }

    private func openFile() throws -> HDF5FileWriter {
        guard let file else { throw HDF5Error.writeFailed(path: path, detail: "the writer is already closed") }
        return file
    }

    /// Creates the group at `path` and any missing groups above it.
    public func createGroup(_ path: String) throws {
        try openFile().createGroup(HDF5Group.normalise(path))
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
        try openFile().createDataset(tensor, at: HDF5Group.normalise(path), storage: storage, byteOrder: byteOrder)
    }

    /// Attaches a list of strings (fixed-length UTF-8, as h5py writes byte-string arrays) named
    /// `name` to the group or dataset at `path` (`""` or `"/"` for the root).
    public func setAttribute(_ name: String, strings: [String], on path: String = "/") throws {
        let length = max(strings.map { $0.utf8.count }.max() ?? 1, 1)
        var bytes = [UInt8](repeating: 0, count: length * max(strings.count, 1))
        for (index, text) in strings.enumerated() {
            for (offset, byte) in text.utf8.enumerated() { bytes[index * length + offset] = byte }
        }
        try attach(name, .strings(length: length, packed: bytes), count: strings.count, on: path)
    }

    /// Attaches a list of numbers (stored as float64) named `name` to the object at `path`.
    public func setAttribute(_ name: String, numbers: [Double], on path: String = "/") throws {
        try attach(name, .float64(numbers), count: numbers.count, on: path)
    }

    private func attach(_ name: String, _ values: HDF5FileWriter.AttributeValues, count: Int, on path: String) throws {
        try openFile().attach(
            name, values: values, count: count, on: path.isEmpty ? "/" : path,
            described: "attribute \(name) of /\(HDF5Group.normalise(path))")
    }

    /// Creates a soft link at `path` pointing to `target` (which need not exist).
    public func createSoftLink(at path: String, to target: String) throws {
        try openFile().createSoftLink(at: HDF5Group.normalise(path), to: target)
    }

    /// Flushes and closes the file; later calls throw.
    public func close() throws {
        guard let file else { return }
        try file.flush()
        self.file = nil
    }
}
