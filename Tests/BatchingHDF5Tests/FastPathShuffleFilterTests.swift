import Testing

@testable import BatchingHDF5

@Suite("ShuffleFilter")
struct FastPathShuffleFilterTests {
    private func unshuffled(_ stored: [UInt8], elementSize: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: stored.count)
        stored.withUnsafeBytes { source in
            out.withUnsafeMutableBytes { ShuffleFilter.unshuffle(source, into: $0, elementSize: elementSize) }
        }
        return out
    }

    private func shuffled(_ elements: [UInt8], elementSize: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: elements.count)
        elements.withUnsafeBytes { source in
            out.withUnsafeMutableBytes { ShuffleFilter.shuffle(source, into: $0, elementSize: elementSize) }
        }
        return out
    }

    @Test func undoesTheDocumentedExample() {
        #expect(unshuffled([0x01, 0x03, 0x02, 0x04], elementSize: 2) == [0x01, 0x02, 0x03, 0x04])
    }

    @Test func groupsBytePlanesOfFourByteElements() {
        // elements AABBCCDD, EEFFGGHH, IIJJKKLL as bytes; the filter stores plane by plane.
        let elements: [UInt8] = [0xA, 0xB, 0xC, 0xD, 0xE, 0xF, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6]
        let stored: [UInt8] = [0xA, 0xE, 0x3, 0xB, 0xF, 0x4, 0xC, 0x1, 0x5, 0xD, 0x2, 0x6]
        #expect(shuffled(elements, elementSize: 4) == stored)
        #expect(unshuffled(stored, elementSize: 4) == elements)
    }

    @Test func keepsTrailingBytesThatMakeNoWholeElement() {
        // 2 whole 4-byte elements and 3 left-over bytes, which HDF5 stores unshuffled at the end.
        let elements: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
        let stored = shuffled(elements, elementSize: 4)
        #expect(stored == [1, 5, 2, 6, 3, 7, 4, 8, 9, 10, 11])
        #expect(unshuffled(stored, elementSize: 4) == elements)
    }

    @Test func isTheIdentityForBytes() {
        let data: [UInt8] = [9, 8, 7, 6, 5]
        #expect(unshuffled(data, elementSize: 1) == data)
    }

    @Test(arguments: [2, 4, 8])
    func roundTrips(elementSize: Int) {
        let data = (0..<(1000 * elementSize + 3)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        #expect(unshuffled(shuffled(data, elementSize: elementSize), elementSize: elementSize) == data)
    }
}
