import BatchingHDF5
import Foundation

@testable import BatchingDatasets

/// Writes small files in the datasets' original formats, for the readers' tests.
///
/// Pixels follow the fixture formula `(7*i + 3*r + c + 11*ch) % 256` (sample i, row r, column c,
/// channel ch), so a test can check every byte a reader returns.
enum OriginalFormatWriter {
    static func pixel(_ i: Int, _ r: Int, _ c: Int, _ ch: Int) -> UInt8 { UInt8((7 * i + 3 * r + c + 11 * ch) % 256) }

    /// An IDX file's bytes: magic, big-endian extents, then `payload` (already big-endian).
    static func idx(typeCode: UInt8, shape: [Int], payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0, 0, typeCode, UInt8(shape.count)]
        for extent in shape { out += withUnsafeBytes(of: UInt32(extent).bigEndian, Array.init) }
        return out + payload
    }

    /// IDX images `uint8 [count, rows, cols]` following the pixel formula, sample indices from `first`.
    static func idxImages(count: Int, rows: Int = 28, cols: Int = 28, first: Int = 0) -> [UInt8] {
        var payload: [UInt8] = []
        for i in 0..<count { for r in 0..<rows { for c in 0..<cols { payload.append(pixel(first + i, r, c, 0)) } } }
        return idx(typeCode: 0x08, shape: [count, rows, cols], payload: payload)
    }

    /// A ustar archive of `members` (name, bytes), ended by two zero blocks.
    static func tar(_ members: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        for (name, bytes) in members {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ text: String, at offset: Int) { for (k, b) in text.utf8.enumerated() { header[offset + k] = b } }
            put(name, at: 0)
            put("0000644\0", at: 100)
            put("0000000\0", at: 108)
            put("0000000\0", at: 116)
            put(String(format: "%011o\0", bytes.count), at: 124)
            put("00000000000\0", at: 136)
            put("0", at: 156)
            put("ustar\0", at: 257)
            put("00", at: 263)
            put("        ", at: 148)
            let sum = header.reduce(0) { $0 + Int($1) }
            put(String(format: "%06o\0 ", sum), at: 148)
            out += header + bytes + [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
        }
        return out + [UInt8](repeating: 0, count: 1024)
    }

    static func gzip(_ bytes: [UInt8]) -> [UInt8] { Deflater.compress(bytes, framing: .gzip) }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    /// Runs a Python 3 script (numpy and scipy are installed on the build machine).
    static func python(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DatasetError.io(
                path: "python3", detail: "the test's generator script failed (status \(process.terminationStatus))")
        }
    }
}
