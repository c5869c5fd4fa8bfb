import Batching

/// Reads rows of a contiguous dataset straight from the file, without libhdf5: scattered rows
/// are copied out of the file's memory mapping, in the order asked for; long runs (whole files,
/// `readAll`) are read with `pread`, which is as fast for them and leaves no mapped pages in the
/// process's resident set.
///
/// ```swift
/// let reader = try DirectContiguousReader(layout: layout)
/// try reader.readRuns([3..<5, 9..<10], into: buffer)   // rows 3, 4, 9 back to back
/// ```
public struct DirectContiguousReader: Sendable {
    /// The dataset's layout (its storage is `.contiguous`).
    public let layout: DirectLayout
    private let file: ReadOnlyFile
    private let fileOffset: UInt64

    /// A reader for `layout`, which must describe contiguous storage.
    ///
    /// - Throws: ``FastPathError`` when the file cannot be opened or is shorter than the layout.
    public init(layout: DirectLayout, file: ReadOnlyFile? = nil) throws {
        guard case .contiguous(let offset) = layout.storage else {
            // ``DirectRowReader`` makes this reader only for a `.contiguous` layout.
            preconditionFailure("DirectContiguousReader needs a contiguous layout")
        }
        self.layout = layout
        self.file = try layout.openFile(file)
        fileOffset = offset
    }

    /// Writes the rows of every run, run after run, into `destination`, in native byte order.
    ///
    /// - Precondition: runs are inside `0..<rowCount` and `destination` holds exactly their rows.
    public func readRuns(_ runs: [Range<Int>], into destination: UnsafeMutableRawBufferPointer) throws {
        let rowBytes = layout.bytesPerRow
        precondition(
            destination.count == runs.reduce(0) { $0 + $1.count } * rowBytes,
            "the destination does not hold the rows of the runs")
        var cursor = 0
        do {
            for run in runs {
                let bytes = run.count * rowBytes
                let target = UnsafeMutableRawBufferPointer(rebasing: destination[cursor..<(cursor + bytes)])
                let offset = Int(fileOffset) + run.lowerBound * rowBytes
                // Small runs are cheaper to copy out of the mapping (no system call); large ones
                // are read with `pread`, which leaves no mapped pages behind in the process.
                if bytes < Self.largeRunBytes, let mapped = file.mapping?.baseAddress, let base = target.baseAddress {
                    // `fits(fileSize:)` was checked in `init`, so every run is inside the mapping.
                    base.copyMemory(from: mapped + offset, byteCount: bytes)
                } else {
                    try file.read(into: target, at: UInt64(offset))
                }
                cursor += bytes
            }
        } catch let error as FastPathError {
            throw FastPathError.inDataset(file: layout.filePath, dataset: layout.datasetPath, problem: error.problem)
        }
        if layout.swapBytes { ByteOrder.swapElements(in: destination, elementSize: layout.dtype.byteWidth) }
    }

    /// Runs of at least this many bytes are read with `pread` rather than copied from the mapping.
    static let largeRunBytes = 256 << 10

    /// Calls `body` with the mapped address of row 0 (the rows following one another, in native
    /// byte order), or returns `nil` when the file is not mapped or its bytes need swapping.
    public func withMappedRows<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R? {
        guard !layout.swapBytes, let mapped = file.mapping?.baseAddress else { return nil }
        // `fits(fileSize:)` was checked in `init`: every row lies inside the mapping.
        return try body(mapped + Int(fileOffset))
    }

    /// Copies the rows at `indices` (inside `0..<rowCount`, any order, repeats allowed) out of the
    /// file's memory mapping straight into `destination`, in that order; returns `false`, having
    /// written nothing, when the file is not mapped (then read runs instead).
    ///
    /// With a mapping there is nothing to gain from sorting: each row is one copy wherever it is.
    public func gatherRows(_ indices: [Int], into destination: UnsafeMutableRawBufferPointer) -> Bool {
        guard let mapped = file.mapping?.baseAddress, let base = destination.baseAddress else { return false }
        let rowBytes = layout.bytesPerRow
        // The caller (``DirectRowReader``) sizes `destination` from `indices`.
        precondition(destination.count == indices.count * rowBytes, "the destination does not hold the rows")
        RowGather.copy(indices, rowBytes: rowBytes, from: mapped + Int(fileOffset), into: base)
        if layout.swapBytes { ByteOrder.swapElements(in: destination, elementSize: layout.dtype.byteWidth) }
        return true
    }
}
