import Batching
import BatchingHDF5

/// Reads USPS as BatchUp downloads it: `usps.h5` from github.com/Britefury/usps_dataset, an HDF5
/// file with `/usps/train_X`, `/usps/train_y`, `/usps/test_X`, `/usps/test_y`.
///
/// Images are `float32 [N, 1, 16, 16]` (7,291 training and 2,007 test samples), labels `int32`,
/// as in BatchUp.
///
/// ```swift
/// let usps = try USPSReader.read(path: "usps.h5").splittingValidation(last: 729)
/// ```
public enum USPSReader {
    /// The dataset in the HDF5 file at `path`.
    ///
    /// - Throws: ``DatasetError`` or `HDF5Error` when the file is missing, not HDF5 or lacks the datasets.
    public static func read(path: String) throws -> LoadedDataset {
        try BatchUpFileReader.read(.usps, path: path)
    }
}
