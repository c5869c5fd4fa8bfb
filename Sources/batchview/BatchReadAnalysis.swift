import BatchViewCore
import Batching
import BatchingHDF5

/// Works out a ``BatchReadReport`` for the inspector's I/O view (`i`) from a single file's
/// images dataset: its layout, the column's read path and the batch's indices through a
/// ``RowGatherPlan``. Nothing is read (the batch's own chunk-cache look-ups come with its read,
/// in ``BatchTiming/chunkLookups``).
enum BatchReadAnalysis {
    /// Rows per chunk the advice suggests rechunking to: small enough that a shuffled batch
    /// decodes little it does not use, large enough to compress.
    static let suggestedRowsPerChunk = 8

    /// The report maker for `source`, or `nil` for a folder of files (whose rows span datasets).
    static func reporter(_ source: HDF5Source) -> (@Sendable ([Int]) -> BatchReadReport)? {
        guard source.perFile.count == 1 else { return nil }
        let column = source.perFile[0].images
        return { indices in report(column, indices: indices) }
    }

    /// How `column` reads the rows at `indices`.
    static func report(_ column: HDF5Column, indices: [Int]) -> BatchReadReport {
        let info = column.dataset.info
        let rowBytes = info.bytesPerRow
        let plan = RowGatherPlan(indices: indices)
        let filters = info.filters.map(\.name).joined(separator: "+")
        let delivered = indices.count * rowBytes
        guard let chunk = info.chunkShape, let rowsPerChunk = chunk.first, rowsPerChunk > 0 else {
            return BatchReadReport(
                readPath: column.readPathName, layout: "contiguous", runs: plan.runs.count, chunksTouched: nil,
                rowsPerChunk: nil, bytesDelivered: delivered, bytesRead: plan.rowsRead * rowBytes, bytesDecoded: nil,
                advice: nil)
        }
        // Chunks across one block of rows (when chunks also split the other axes), and all chunks.
        let across = zip(info.shape.dropFirst(), chunk.dropFirst()).reduce(1) {
            $0 * (($1.0 + $1.1 - 1) / max($1.1, 1))
        }
        let blocks = Set(indices.map { $0 / rowsPerChunk })
        let allChunks = max((info.rowCount + rowsPerChunk - 1) / rowsPerChunk * across, 1)
        let touched = blocks.count * across
        let decoded = blocks.count * rowsPerChunk * rowBytes
        var advice: String?
        if rowsPerChunk > suggestedRowsPerChunk && decoded >= 4 * max(delivered, 1) {
            advice =
                "each sample costs a \(rowsPerChunk)-row chunk: try --shuffle chunks or rechunk to \(suggestedRowsPerChunk)"
        } else if column.readPathName == "library" && !info.filters.isEmpty {
            advice =
                "the \(filters) filters are read through libhdf5 under its lock; gzip, shuffle, LZ4, Blosc, Zstd and LZF take the direct path"
        }
        return BatchReadReport(
            readPath: column.readPathName,
            layout: "chunked " + chunk.map(String.init).joined(separator: "×")
                + (filters.isEmpty ? "" : ", \(filters)"),
            runs: plan.runs.count, chunksTouched: touched, rowsPerChunk: rowsPerChunk, bytesDelivered: delivered,
            bytesRead: info.storageSize * touched / allChunks, bytesDecoded: decoded, advice: advice)
    }
}
