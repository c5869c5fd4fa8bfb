import Batching
import TestSupport
import Testing

@testable import BatchingHDF5

/// A contiguous `uint8` dataset's rows are converted to float32 straight from the file's memory
/// mapping (`RowBytesInMemory`), to the same bytes as libhdf5's rows converted afterwards.
@Suite struct MappedRowsFloat32Tests {
    let path = FixturePaths.fixture("mnist_small.h5")

    func column(_ readPath: HDF5ReadPath) throws -> HDF5Column {
        try HDF5Column(file: HDF5File(path: path), dataset: "images", readPath: readPath)
    }

    @Test func theDirectPathConvertsFromTheMappingAndTheLibraryPathDoesNot() throws {
        #expect(try column(.direct).convertsRowsInOnePass)
        #expect(try column(.automatic).convertsRowsInOnePass)
        #expect(try !column(.library).convertsRowsInOnePass)
        // Labels are int64: not bytes to scale, so never the one-pass byte gather.
        #expect(try !HDF5Column(file: HDF5File(path: path), dataset: "labels").convertsRowsInOnePass)
    }

    @Test(arguments: [HDF5ReadPath.direct, .library])
    func theFloatsEqualLibhdf5sRowsConverted(readPath: HDF5ReadPath) throws {
        let truth = try column(.library)
        let tested = try column(readPath)
        // Random rows with repeats, the first and the last among them.
        var random = CounterRandom(seed: 7, purpose: .shuffle, epoch: 0, batch: 0)
        let indices = [0, 499] + (0..<200).map { _ in random.nextInt(below: 500) } + [499, 0]
        var floats = Tensor(zeros: .float32, shape: [indices.count, 28, 28])
        try tested.gatherRowsAsFloat32(indices, into: &floats)
        let expected = try truth.gatherRows(indices).convertedToFloat32()
        #expect(floats == expected)
        var shifted = Tensor(zeros: .float32, shape: [indices.count, 28, 28])
        try tested.gatherRowsAsFloat32(indices, into: &shifted, scalingBytesInto: -1...1)
        #expect(shifted == (try truth.gatherRows(indices).convertedToFloat32(scalingBytesInto: -1...1)))
    }

    @Test func anIndexPastTheRowsThrowsBeforeAnythingIsRead() throws {
        var floats = Tensor(zeros: .float32, shape: [2, 28, 28])
        #expect(throws: BatchingError.self) { try column(.direct).gatherRowsAsFloat32([3, 500], into: &floats) }
        #expect(throws: BatchingError.self) { try column(.direct).gatherRowsAsFloat32([-1, 3], into: &floats) }
    }
}
