import Testing

@testable import Batching

/// Large tensors (whole batch files) live in their own huge-page mappings and convert to
/// float32 in parts on several threads; both must be invisible in the values.
@Suite struct LargeTensorTests {
    /// Bytes by the fixture formula's spirit: every value 0…255 appears, in no simple pattern.
    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) } }

    // Other suites allocate tensors at the same time, so these tests check what holds whatever
    // they do: the process-wide counts include at least the tensor a test holds.

    @Test func largeZeroTensorsAreZeroAndMappedInHugePages() {
        let zeros = Tensor(zeros: .float32, shape: [3, 1 << 20]) // 12 MiB
        let storage = zeros.storage
        #expect(storage.isZeroed)
        #expect(storage.mappedLength >= 12 << 20 && storage.mappedLength % _TensorStorage.hugePageBytes == 0)
        #expect(Int(bitPattern: storage.bytes) % _TensorStorage.hugePageBytes == 0)
        #expect(_TensorStorage.bytesMapped >= storage.mappedLength)
        #expect(zeros.scalars(as: Float.self).allSatisfy { $0 == 0 })
    }

    @Test func theHeapReadingCountsMappedTensors() throws {
        let tensor = Tensor(zeros: .uint8, shape: [64 << 20])
        guard let heap = ProcessMemoryProbe().heapInUse() else { return } // no mallinfo2 on this platform
        #expect(heap >= tensor.storage.mappedLength, "heap \(heap) with a 64 MiB tensor alive")
    }

    @Test func smallTensorsStayOnTheHeap() {
        let small = Tensor(zeros: .uint8, shape: [1000])
        #expect(!small.storage.isZeroed)
        #expect(small.scalars(as: UInt8.self).allSatisfy { $0 == 0 })
    }

    @Test func largeTensorsCopyOnWrite() {
        let count = 5 << 20
        let original = Tensor(shape: [count], scalars: Self.pattern(count))
        var copy = original
        copy.withUnsafeMutableBytes {
            $0[count - 1] = 1
            $0[0] = 2
        }
        #expect(original.scalars(as: UInt8.self) == Self.pattern(count))
        #expect(copy.scalars(as: UInt8.self)[0] == 2 && copy.scalars(as: UInt8.self)[count - 1] == 1)
    }

    @Test(arguments: [1, 2, 4])
    func conversionInPartsGivesTheSameBytes(threads: Int) {
        // Not a multiple of the part size, so the last part is short.
        let count = 3 * (1 << 18) + 12_345
        let bytes = Tensor(shape: [count], scalars: Self.pattern(count))
        var floats = Tensor(zeros: .float32, shape: [count])
        bytes.convertToFloat32(into: &floats, threads: threads)
        let expected = Self.pattern(count).map { Float($0) / 255 }
        #expect(floats.scalars(as: Float.self) == expected)

        let shorts = Tensor(shape: [count], scalars: (0..<count).map { Int16(truncatingIfNeeded: $0 &* 31 - 500) })
        shorts.convertToFloat32(into: &floats, threads: threads)
        #expect(floats.scalars(as: Float.self) == shorts.scalars(as: Int16.self).map(Float.init))
    }

    @Test func partsCoverEveryElementOnce() {
        for (count, threads) in [(0, 2), (10, 2), (1 << 18, 2), ((1 << 18) + 1, 2), (5_000_000, 4), (5_000_000, 1)] {
            let parts = Tensor.conversionParts(count: count, threads: threads)
            #expect(parts.first?.lowerBound == 0 && parts.last?.upperBound == count)
            #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            if threads == 1 { #expect(parts.count == 1) }
        }
    }
}
