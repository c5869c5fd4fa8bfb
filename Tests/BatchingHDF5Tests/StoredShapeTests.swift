import Testing

@testable import BatchingHDF5

/// The numbers a dataset's header states are checked before use: each kind of impossible number
/// is named, and the shapes h5py writes (fixed, resizable, chunked up to 4 GiB) pass.
struct StoredShapeTests {
    private let unlimited = HDF5StoredShape.unlimited

    @Test func shapesH5pyWritesPass() {
        #expect(
            HDF5StoredShape(extents: [500, 28, 28], maxExtents: [500, 28, 28], chunk: nil).problem(elementSize: 1)
                == nil)
        #expect(
            HDF5StoredShape(extents: [500, 28, 28], maxExtents: [unlimited, 28, 28], chunk: [1000, 28, 28])
                .problem(elementSize: 8) == nil)
        // The largest chunk HDF5 stores: 2^32 - 1 bytes.
        #expect(
            HDF5StoredShape(extents: [1], maxExtents: [unlimited], chunk: [(1 << 32) - 1]).problem(elementSize: 1)
                == nil)
        #expect(HDF5StoredShape(extents: [], maxExtents: [], chunk: nil).problem(elementSize: 4) == nil)
    }

    @Test func anExtentOverItsMaximumIsNamed() {
        let problem = HDF5StoredShape(extents: [50, 8], maxExtents: [48, 8], chunk: nil).problem(elementSize: 1)
        #expect(problem == "its extent 50 along axis 0 exceeds the axis's maximum 48")
    }

    @Test func anExtentBeyondAnIntIsNamed() {
        let huge = UInt64(Int.max) + 1
        let problem = HDF5StoredShape(extents: [huge], maxExtents: [unlimited], chunk: nil).problem(elementSize: 1)
        #expect(problem == "its extent \(huge) along axis 0 is beyond counting")
    }

    @Test func aChunkLargerThanAFixedAxisIsNamed() {
        let stored = HDF5StoredShape(extents: [1797, 8, 8], maxExtents: [1797, 8, 8], chunk: [1056, 8, 262152])
        #expect(
            stored.problem(elementSize: 1) == "its chunk extent 262152 along axis 2 exceeds the axis's fixed maximum 8")
    }

    @Test func chunksOverFourGiBOrOfZeroOrOfAnotherRankAreNamed() {
        let big = HDF5StoredShape(extents: [10, 10], maxExtents: [unlimited, unlimited], chunk: [1 << 16, 1 << 16])
        #expect(big.problem(elementSize: 1)?.contains("over 4 GiB") == true)
        let overflowing = HDF5StoredShape(extents: [1], maxExtents: [unlimited], chunk: [UInt64.max - 1])
        #expect(overflowing.problem(elementSize: 8)?.contains("over 4 GiB") == true)
        let zero = HDF5StoredShape(extents: [10, 10], maxExtents: [10, 10], chunk: [0, 10])
        #expect(zero.problem(elementSize: 1) == "its chunk extent along axis 0 is 0")
        let rank = HDF5StoredShape(extents: [10, 10], maxExtents: [10, 10], chunk: [10])
        #expect(rank.problem(elementSize: 1) == "its chunks have 1 axes but the dataset has 2")
    }

    /// The direct path decodes deflate and shuffle only with the parameters libhdf5 writes, and
    /// Bitshuffle not at all (the codecs' parameters: DirectCodecTests).
    @Test func chunkFiltersTakeOnlyTheParametersLibhdf5Writes() {
        #expect(ChunkFilter(HDF5Filter(id: 1, parameters: [4], isAvailable: true), elementSize: 4) == .deflate)
        #expect(ChunkFilter(HDF5Filter(id: 1, parameters: [68], isAvailable: true), elementSize: 4) == nil)
        #expect(ChunkFilter(HDF5Filter(id: 1, parameters: [], isAvailable: true), elementSize: 4) == nil)
        #expect(
            ChunkFilter(HDF5Filter(id: 2, parameters: [4], isAvailable: true), elementSize: 4)
                == .shuffle(elementSize: 4))
        #expect(ChunkFilter(HDF5Filter(id: 2, parameters: [2], isAvailable: true), elementSize: 4) == nil)
        #expect(
            ChunkFilter(HDF5Filter(id: 32008, parameters: [0, 2, 4, 0, 2], isAvailable: true), elementSize: 4) == nil)
        #expect(ChunkFilter(HDF5Filter(id: 3, parameters: [], isAvailable: true), elementSize: 4) == nil)
    }
}
