import Batching

/// Text labels of every file of a source, read once when the source opens and held in memory
/// as `int64` class indices (``TextLabelClasses``): one column per file, and the class names.
///
/// The class list is one for the whole source: the names the first file lists (a
/// `class_names`-like attribute or dataset) when there are any, else the distinct texts of every
/// file together, sorted. Labels are read through libhdf5 a slice of rows at a time and are
/// bounded: at most ``largestLabelCount`` labels across the files.
struct TextLabelColumns {
    /// The most text labels a source reads (128 MiB of class indices).
    static let largestLabelCount = 1 << 24
    /// Rows read from the file at once: 65,536, fewer for texts so long that their bytes (or
    /// pointers) would pass ``HDF5SmallRead/largestBytes``.
    static func rowsPerSlice(_ type: HDF5ElementType) -> Int {
        guard case .string(let length) = type else { return 1 }
        return max(1, min(65_536, HDF5SmallRead.largestBytes / max(length ?? 8, 8)))
    }

    /// Each file's labels as class indices, `int64` of shape `[rows]`.
    let columns: [Tensor]
    /// The class names in class-index order.
    let names: [String]
    /// Where the names came from, and a sentence saying how labels became classes.
    let source: String
    let reason: String

    /// The text labels `dataset` of every file of `files`, mapped to classes; `listed` are the
    /// class names the first file gives (and `listedSource` where it gives them), if any.
    ///
    /// - Throws: ``HDF5Error/unusableTextLabels(file:dataset:problem:)`` for too many labels or
    ///   classes, or a text not among the listed names; ``HDF5Error/folderMismatch(file:dataset:detail:)``
    ///   for a file whose labels are not text; the read's own errors.
    init(files: [HDF5File], dataset path: String, listed: [String]?, listedSource: String?) throws {
        var classes = TextLabelClasses(listed: listed)
        var idsPerFile = [[Int32]]()
        var total = 0
        for file in files {
            let dataset = try file.dataset(path)
            guard dataset.info.elementType.isText, dataset.info.rank == 1 else {
                throw HDF5Error.folderMismatch(
                    file: file.path, dataset: path,
                    detail:
                        "holds \(dataset.info.elementType.prose) \(dataset.info.shape) but the first file holds 1-D text labels"
                )
            }
            let rows = dataset.info.rowCount
            guard rows <= Self.largestLabelCount - total else {
                throw HDF5Error.unusableTextLabels(
                    file: file.path, dataset: path,
                    problem:
                        "the files hold more than \(Self.largestLabelCount) of them (this file \(rows)), and batchview maps at most \(Self.largestLabelCount) text labels to class indices in memory; store class indices (integers) instead"
                )
            }
            total += rows
            var ids = [Int32]()
            ids.reserveCapacity(rows)
            let sliceRows = Self.rowsPerSlice(dataset.info.elementType)
            for start in stride(from: 0, to: rows, by: sliceRows) {
                let texts = try HDF5StringReader.byteStrings(dataset, rows: start..<min(start + sliceRows, rows))
                do { ids += try classes.add(texts) } catch {
                    throw HDF5Error.unusableTextLabels(
                        file: file.path, dataset: path, problem: "label \(start + error.index) \(error.problem)")
                }
            }
            idsPerFile.append(ids)
        }
        let (names, indexOfID) = classes.finish()
        columns = idsPerFile.map { ids in
            Tensor(shape: [ids.count], scalars: ids.map { Int64(indexOfID[Int($0)]) })
        }
        self.names = names
        if let listedSource {
            source = listedSource
            reason =
                "label classes: \(total) text labels, each the index of its text in the \(names.count) class names of \(listedSource)"
        } else {
            source = "\(path) (sorted texts)"
            reason =
                "label classes: \(total) text labels, \(names.count) distinct texts sorted (\(names.prefix(8).joined(separator: ", "))\(names.count > 8 ? ", …" : "")); a label's class is its text's place in that order"
        }
    }
}
