import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

@Suite("ReadOnlyFile")
struct FastPathReadOnlyFileTests {
    @Test func readsWhatIsThereAndRefusesToReadPastTheEnd() throws {
        let folder = try FixturePaths.temporaryDirectory("fastpath")
        let path = folder.appendingPathComponent("bytes.bin").path
        try Data((0..<100).map { UInt8($0) }).write(to: URL(fileURLWithPath: path))
        let file = try ReadOnlyFile(path: path)
        #expect(file.size == 100)
        var buffer = [UInt8](repeating: 0, count: 10)
        try buffer.withUnsafeMutableBytes { try file.read(into: $0, at: 90) }
        #expect(buffer == Array(90..<100))
        #expect(file.mapping.map { Array($0[5..<8]) } == [5, 6, 7])
        #expect(throws: FastPathError.self) { try buffer.withUnsafeMutableBytes { try file.read(into: $0, at: 95) } }
        #expect(throws: FastPathError.self) { try ReadOnlyFile(path: folder.appendingPathComponent("missing").path) }
    }

    @Test func oneOpenFilePerPathUntilTheFileIsReplaced() throws {
        let folder = try FixturePaths.temporaryDirectory("fastpath")
        let path = folder.appendingPathComponent("shared.bin").path
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        let first = try ReadOnlyFile.shared(path: path)
        #expect(try ReadOnlyFile.shared(path: path) === first)
        // Replace the file (a new inode at the same path, as a writer's rename does).
        let fresh = folder.appendingPathComponent("fresh.bin").path
        try Data([9, 9, 9, 9]).write(to: URL(fileURLWithPath: fresh))
        #expect(rename(fresh, path) == 0)
        let second = try ReadOnlyFile.shared(path: path)
        #expect(second !== first)
        #expect(second.size == 4 && first.size == 3)
    }
}
