import Testing

@testable import BatchingHDF5

/// Running out of file descriptors is not a damaged file: the sentence says which limit to raise.
@Suite struct OpenFileLimitTests {
    @Test func libhdf5sEMFILEMessageBecomesTheLimitSentence() {
        let detail =
            "unable to open file: name = 'b_1019.h5', errno = 24, error message = 'Too many open files', flags = 0, o_flags = 0"
        let error = HDF5File.openingError(path: "b_1019.h5", detail: detail)
        guard case .tooManyOpenFiles(let path, let limit) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(path == "b_1019.h5" && limit > 0)
        #expect(error.description.contains("ulimit -n") && !error.description.contains("damaged"))
    }

    @Test func otherFailuresStayUnreadableFiles() {
        let detail = "unable to open file: name = 'x.h5', errno = 2, error message = 'No such file or directory'"
        #expect(HDF5File.openingError(path: "x.h5", detail: detail) == .unreadableFile(path: "x.h5", detail: detail))
    }
}
