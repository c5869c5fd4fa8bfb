import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct SVHNReaderTests {
    /// Writes train/test .mat files with scipy (a third-party MATLAB 5 writer): X uint8 32×32×3×N
    /// following the pixel formula, y double N×1 with labels 1…10.
    static func folder(compressed: Bool) throws -> URL {
        let folder = try FixturePaths.temporaryDirectory("svhn")
        try OriginalFormatWriter.python(
            """
            import numpy as np, scipy.io as sio
            def make(n, first):
                i, r, c, ch = np.meshgrid(np.arange(first, first + n), np.arange(32), np.arange(32), np.arange(3), indexing='ij')
                x = ((7 * i + 3 * r + c + 11 * ch) % 256).astype(np.uint8)      # N, row, col, ch
                y = (np.arange(first, first + n) % 10 + 1).astype(np.float64).reshape(n, 1)
                return {'X': np.ascontiguousarray(x.transpose(1, 2, 3, 0)), 'y': y}
            sio.savemat('\(folder.path)/train_32x32.mat', make(12, 0), do_compression=\(compressed ? "True" : "False"))
            sio.savemat('\(folder.path)/test_32x32.mat', make(5, 40), do_compression=\(compressed ? "True" : "False"))
            """)
        return folder
    }

    @Test(arguments: [true, false]) func readsImagesAndMapsLabelTenToZero(compressed: Bool) throws {
        let svhn = try SVHNReader.read(folder: Self.folder(compressed: compressed).path)
        #expect(svhn.train.images.shape == [12, 3, 32, 32])
        #expect(svhn.train.images.dtype == .uint8)
        #expect(svhn.train.labels?.dtype == .int32)
        #expect(svhn.train.labels?.scalars(as: Int32.self) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2])
        #expect(svhn.test.labels?.scalars(as: Int32.self) == [1, 2, 3, 4, 5])
        let pixels = svhn.test.images.scalars(as: UInt8.self)
        for (n, ch, r, c) in [(0, 0, 0, 0), (3, 2, 17, 4), (4, 1, 31, 30)] {
            #expect(pixels[n * 3072 + ch * 1024 + r * 32 + c] == OriginalFormatWriter.pixel(40 + n, r, c, ch))
        }
        let split = try svhn.splittingValidation(last: 2)
        #expect(split.validation.labels?.scalars(as: Int32.self) == [1, 2])
    }

    @Test func readsHandWrittenElementsInBothByteOrders() throws {
        // X: uint8 32×32×3×1 stored uncompressed; y: double 1×1 stored as uint8 in a small element.
        for bigEndian in [false, true] {
            let url = try FixturePaths.temporaryDirectory("svhn-hand").appendingPathComponent("one.mat")
            var x = [UInt8](repeating: 0, count: 3072)
            for ch in 0..<3 {
                for c in 0..<32 {
                    for r in 0..<32 { x[ch * 1024 + c * 32 + r] = OriginalFormatWriter.pixel(9, r, c, ch) }
                }
            }
            let file = MATBytes(bigEndian: bigEndian)
            let bytes =
                file.header() + file.matrix(name: "X", classID: 9, dims: [32, 32, 3, 1], type: 2, values: x)
                + file.compressed(file.matrix(name: "y", classID: 6, dims: [1, 1], type: 2, values: [10]))
            try OriginalFormatWriter.write(bytes, to: url)
            let split = try SVHNReader.read(matFile: url.path)
            #expect(split.labels?.scalars(as: Int32.self) == [0])
            #expect(
                split.images.scalars(as: UInt8.self)[2 * 1024 + 7 * 32 + 30] == OriginalFormatWriter.pixel(9, 7, 30, 2))
        }
    }

    @Test func refusesAFileThatIsNotMATLAB() throws {
        let url = try FixturePaths.temporaryDirectory("svhn-bad").appendingPathComponent("train_32x32.mat")
        try OriginalFormatWriter.write(OriginalFormatWriter.idxImages(count: 1), to: url)
        #expect {
            try SVHNReader.read(matFile: url.path)
        } throws: { error in
            "\(error)".contains("is not a MATLAB 5 .mat file")
        }
    }

    @Test func refusesATruncatedMATFile() throws {
        let folder = try Self.folder(compressed: true)
        let path = folder.appendingPathComponent("train_32x32.mat")
        let data = try Data(contentsOf: path)
        try data.prefix(data.count - 100).write(to: path)
        #expect(throws: DatasetError.self) { try SVHNReader.read(folder: folder.path) }
    }
}

/// MATLAB 5 bytes written by hand, in either byte order.
struct MATBytes {
    var bigEndian: Bool

    func u32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: bigEndian ? v.bigEndian : v.littleEndian, Array.init) }
    func padded(_ b: [UInt8]) -> [UInt8] { b + [UInt8](repeating: 0, count: (8 - b.count % 8) % 8) }

    func header() -> [UInt8] {
        var text = Array("MATLAB 5.0 MAT-file, written by hand for a test".utf8)
        text += [UInt8](repeating: 0x20, count: 116 - text.count)
        let version: [UInt8] = bigEndian ? [0x01, 0x00] : [0x00, 0x01]
        return text + [UInt8](repeating: 0, count: 8) + version + Array((bigEndian ? "MI" : "IM").utf8)
    }

    func element(_ type: UInt32, _ data: [UInt8]) -> [UInt8] { u32(type) + u32(UInt32(data.count)) + padded(data) }

    func matrix(name: String, classID: UInt32, dims: [Int32], type: UInt32, values: [UInt8]) -> [UInt8] {
        var body = element(6, u32(classID) + u32(0))
        body += element(5, dims.flatMap { u32(UInt32(bitPattern: $0)) })
        body += element(1, Array(name.utf8))
        if values.count <= 4 { // small element: count in the high half of the first word
            body += u32(UInt32(values.count) << 16 | type) + values + [UInt8](repeating: 0, count: 4 - values.count)
        } else {
            body += element(type, values)
        }
        return u32(14) + u32(UInt32(body.count)) + body
    }

    func compressed(_ element: [UInt8]) -> [UInt8] {
        let z = Deflater.compress(element, framing: .zlib)
        return u32(15) + u32(UInt32(z.count)) + z
    }
}
