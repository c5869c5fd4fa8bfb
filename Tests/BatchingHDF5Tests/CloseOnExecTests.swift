import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// libhdf5 opens files without close-on-exec; batchview marks them, so that a child process (a
/// python worker, a program a test runs) neither sees them nor keeps their lock after they close
/// here (a file written and then reopened failed "unable to lock file" while a child held it).
@Suite struct CloseOnExecTests {
    /// The descriptors of this process open on `path`, with whether each is close-on-exec.
    static func descriptors(of path: String) throws -> [(descriptor: Int32, closeOnExec: Bool)] {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { name in
            guard let descriptor = Int32(name),
                let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)"),
                link == target
            else { return nil }
            let flags = fcntl(descriptor, F_GETFD)
            return flags < 0 ? nil : (descriptor, flags & FD_CLOEXEC != 0)
        }
    }

    @Test func filesWrittenAndReadAreCloseOnExec() throws {
        let folder = try FixturePaths.temporaryDirectory("cloexec")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("locked.h5").path
        let writer = try HDF5Writer(creating: path)
        try writer.write(Tensor(shape: [4, 2, 2], scalars: [UInt8](repeating: 7, count: 16)), to: "images")
        let writing = try Self.descriptors(of: path)
        #expect(!writing.isEmpty && writing.allSatisfy(\.closeOnExec), "\(writing)")
        try writer.close()
        let file = try HDF5File(path: path)
        let reading = try Self.descriptors(of: path)
        #expect(!reading.isEmpty && reading.allSatisfy(\.closeOnExec), "\(reading)")
        #expect(try file.dataset("images").info.shape == [4, 2, 2])
    }
}
