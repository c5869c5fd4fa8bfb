/// An error reading or writing HDF5, with one sentence that names the file, the dataset and what
/// to do.
///
/// The command-line tool prints ``description`` as it is. The library's own error stack never
/// reaches the terminal; its innermost message is kept as `detail` where it helps.
///
/// ```swift
/// do { _ = try HDF5File(path: "missing.h5") }
/// catch let error as HDF5Error { print(error) }  // "missing.h5: no such file or folder; check the path"
/// ```
public enum HDF5Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing exists at the path.
    case fileNotFound(path: String)
    /// The file exists but is not HDF5 (no HDF5 signature).
    case notHDF5(path: String)
    /// The file looks like HDF5 but the library cannot open it (truncated, damaged, locked).
    case unreadableFile(path: String, detail: String)
    /// The process may not open another file (`EMFILE`): its limit of `limit` open files is
    /// reached, as a folder of many batch files can do (every file stays open).
    case tooManyOpenFiles(path: String, limit: Int)
    /// A named dataset (or group) is not in the file.
    case noSuchDataset(file: String, dataset: String, available: [String])
    /// The dataset's element type cannot become a tensor (strings, compound records …).
    case unsupportedType(file: String, dataset: String, type: String)
    /// The path is a soft or external link that does not lead to a dataset of the file.
    case unusableLink(file: String, link: String, state: HDF5LinkState)
    /// The dataset uses a compression filter this build of libhdf5 cannot decode.
    case unsupportedFilter(file: String, dataset: String, filter: String, id: Int)
    /// The dataset is a single value (rank 0), so it has no rows.
    case scalarDataset(file: String, dataset: String)
    /// The dataset's header states numbers no reader can use (an extent over its maximum, a
    /// chunk larger than its axis, an unreadable filter); `problem` says which, as a clause.
    case damagedDataset(file: String, dataset: String, problem: String)
    /// The dataset's rows (or all of it) are too many bytes to count or hold (``HDF5DatasetInfo/fitsInMemory``).
    case tooLarge(file: String, dataset: String, shape: [Int])
    /// The dataset holds zero samples.
    case noSamples(file: String, dataset: String)
    /// Images and labels hold different numbers of samples.
    case lengthMismatch(file: String, images: String, imageCount: Int, labels: String, labelCount: Int)
    /// The labels dataset does not hold numbers.
    case labelsNotNumeric(file: String, dataset: String, type: String)
    /// The labels dataset has a shape labels cannot have.
    case labelsWrongShape(file: String, dataset: String, shape: [Int])
    /// The labels are text that cannot be turned into class indices; `problem` says why.
    case unusableTextLabels(file: String, dataset: String, problem: String)
    /// No dataset in the file can serve as images.
    case noImageDataset(file: String)
    /// A folder or glob matched no HDF5 files.
    case emptyFolder(path: String)
    /// A file of a folder differs from the first file in the picked datasets.
    case folderMismatch(file: String, dataset: String, detail: String)
    /// Reading rows failed.
    case readFailed(file: String, dataset: String, detail: String)
    /// Writing failed.
    case writeFailed(path: String, detail: String)
    /// A caller-supplied option is wrong; the text says which and how.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file or folder; check the path"
        case .notHDF5(let path):
            return
                "\(path) is not an HDF5 file (it lacks the HDF5 signature); give a .h5 file written by h5py, HDF5 tools or `batchview import`"
        case .unreadableFile(let path, let detail):
            return
                "\(path) could not be opened as HDF5 (\(detail)); it may be truncated or damaged — copy or regenerate it"
        case .tooManyOpenFiles(let path, let limit):
            return
                "\(path) could not be opened: this process may have only \(limit) files open at once and a folder keeps each of its files open; raise the limit (ulimit -n 65536) or use a folder of fewer, larger files"
        case .noSuchDataset(let file, let dataset, let available):
            let list = available.isEmpty ? "it holds no datasets" : "it holds: " + available.joined(separator: ", ")
            return "\(file) has no dataset \"\(dataset)\" (\(list)); pass one of those paths"
        case .unsupportedType(let file, let dataset, let type):
            return
                "\(file): dataset \"\(dataset)\" holds \(type), which cannot be read as numbers; store integers or float32/float64 there, or pick another dataset with --images/--labels"
        case .unusableLink(let file, let link, let state):
            return
                "\(file): \"\(link)\" is \(state.prose); \(state.advice), or pass --images/--labels with a dataset stored in \(file)"
        case .unsupportedFilter(let file, let dataset, let filter, let id):
            return
                "\(file): dataset \"\(dataset)\" is compressed with the \(filter) filter (id \(id)), which this libhdf5 cannot decode; "
                + (HDF5Plugins.package(forFilter: id).map { "install Debian's \($0) (make run does), or " } ?? "")
                + "rewrite the dataset with gzip (h5py can read \(filter): copy it with compression=\"gzip\")"
        case .scalarDataset(let file, let dataset):
            return
                "\(file): dataset \"\(dataset)\" is a single value (rank 0) and has no samples; pick a dataset whose first axis counts samples"
        case .noSamples(let file, let dataset):
            return
                "\(file): dataset \"\(dataset)\" holds 0 samples, so there is nothing to show; write samples into it or pick another dataset"
        case .lengthMismatch(let file, let images, let imageCount, let labels, let labelCount):
            return
                "\(file): images \"\(images)\" hold \(imageCount) samples but labels \"\(labels)\" hold \(labelCount); every sample needs one label — fix the file or pass matching --images/--labels"
        case .labelsNotNumeric(let file, let dataset, let type):
            return
                "\(file): labels \"\(dataset)\" hold \(type), not numbers; store class indices (integers) there, or pass --labels with a numeric dataset"
        case .labelsWrongShape(let file, let dataset, let shape):
            return
                "\(file): labels \"\(dataset)\" have shape \(shape); labels must be 1-D (one class index per sample) or 2-D one-hot"
        case .unusableTextLabels(let file, let dataset, let problem):
            return
                "\(file): labels \"\(dataset)\" hold text labels that cannot become class indices: \(problem)"
        case .tooLarge(let file, let dataset, let shape):
            return
                "\(file): dataset \"\(dataset)\" has shape \(shape), too large to read (over 1 TiB a row, or more bytes than can be counted); the shape looks damaged — check it with h5dump, or pick another dataset with --images/--labels"
        case .damagedDataset(let file, let dataset, let problem):
            return
                "\(file): dataset \"\(dataset)\" is damaged: \(problem); check it with h5dump, or pick another dataset with --images/--labels"
        case .noImageDataset(let file):
            return
                "\(file) holds no numeric dataset of 2 or more dimensions to use as images; pass --images with a dataset path"
        case .emptyFolder(let path):
            return "\(path) contains no .h5 files; point to a folder of .h5 batch files or to one file"
        case .folderMismatch(let file, let dataset, let detail):
            return
                "\(file): dataset \"\(dataset)\" \(detail); every file of a folder must hold the same datasets with the same row shape and type"
        case .readFailed(let file, let dataset, let detail):
            return
                "\(file): reading dataset \"\(dataset)\" failed (\(detail)); the file may be damaged — check it with h5dump or regenerate it"
        case .writeFailed(let path, let detail):
            return "\(path) could not be written (\(detail)); check that the folder exists and is writable"
        case .invalidArgument(let detail):
            return detail
        }
    }
}
