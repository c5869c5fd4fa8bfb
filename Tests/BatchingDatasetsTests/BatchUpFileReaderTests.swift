import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct BatchUpFileReaderTests {
    /// BatchUp's own layout written by h5py: /usps/train_X float32 [N,1,16,16] and int32 labels,
    /// /mnist/train_X_u8 uint8 [N,1,28,28].
    static func files() throws -> URL {
        let folder = try FixturePaths.temporaryDirectory("batchup-data")
        try OriginalFormatWriter.python(
            """
            import h5py, numpy as np
            with h5py.File('\(folder.path)/usps.h5', 'w') as f:
                f['usps/train_X'] = (np.arange(6 * 256, dtype=np.float32) / 1000).reshape(6, 1, 16, 16)
                f['usps/train_y'] = np.arange(6, dtype=np.int32) % 10
                f['usps/test_X'] = np.ones((2, 1, 16, 16), np.float32)
                f['usps/test_y'] = np.array([7, 3], np.int32)
            with h5py.File('\(folder.path)/mnist.h5', 'w') as f:
                f['mnist/train_X_u8'] = (np.arange(4 * 784) % 251).astype(np.uint8).reshape(4, 1, 28, 28)
                f['mnist/train_y'] = np.array([1, 2, 3, 4], np.int32)
                f['mnist/test_X_u8'] = np.zeros((1, 1, 28, 28), np.uint8)
                f['mnist/test_y'] = np.array([0], np.int32)
            """)
        return folder
    }

    @Test func readsUSPSAsBatchUpDownloadsIt() throws {
        let usps = try USPSReader.read(path: Self.files().appendingPathComponent("usps.h5").path)
        #expect(usps.train.images.dtype == .float32)
        #expect(usps.train.images.shape == [6, 1, 16, 16])
        #expect(usps.train.images.scalars(as: Float.self)[300] == Float(300) / 1000)
        #expect(usps.test.labels?.scalars(as: Int32.self) == [7, 3])
        let split = try usps.splittingValidation(last: 2)
        #expect(split.validation.labels?.scalars(as: Int32.self) == [4, 5])
    }

    @Test func readsBatchUpsConvertedMNIST() throws {
        let path = try Self.files().appendingPathComponent("mnist.h5").path
        let mnist = try StandardDatasetReader.read(.mnist, from: path)
        #expect(mnist.train.images.shape == [4, 1, 28, 28])
        #expect(mnist.train.images.scalars(as: UInt8.self)[800] == UInt8(800 % 251))
        #expect(mnist.train.labels?.scalars(as: Int32.self) == [1, 2, 3, 4])
    }

    @Test func refusesAnHDF5FileWithoutBatchUpsDatasets() throws {
        let folder = try Self.files()
        #expect {
            try BatchUpFileReader.read(.cifar10, path: folder.appendingPathComponent("mnist.h5").path)
        } throws: { error in
            "\(error)".contains("has no /cifar10/train_X_u8")
        }
    }
}
