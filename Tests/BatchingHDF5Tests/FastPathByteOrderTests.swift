import Testing

@testable import BatchingHDF5

@Suite("ByteOrder")
struct FastPathByteOrderTests {
    @Test func swapsFloatsWrittenBigEndian() {
        // 1.0 and -2.5 as big-endian IEEE singles.
        var bytes: [UInt8] = [0x3F, 0x80, 0x00, 0x00, 0xC0, 0x20, 0x00, 0x00]
        bytes.withUnsafeMutableBytes { ByteOrder.swapElements(in: $0, elementSize: 4) }
        let values = bytes.withUnsafeBytes { raw in
            (0..<2).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        }
        #expect(ByteOrder.hostIsLittleEndian)
        #expect(values == [1.0, -2.5])
    }

    @Test func swapsEachWidth() {
        var two: [UInt8] = [1, 2, 3, 4]
        two.withUnsafeMutableBytes { ByteOrder.swapElements(in: $0, elementSize: 2) }
        #expect(two == [2, 1, 4, 3])
        var eight: [UInt8] = Array(1...8)
        eight.withUnsafeMutableBytes { ByteOrder.swapElements(in: $0, elementSize: 8) }
        #expect(eight == [8, 7, 6, 5, 4, 3, 2, 1])
        var one: [UInt8] = [1, 2, 3]
        one.withUnsafeMutableBytes { ByteOrder.swapElements(in: $0, elementSize: 1) }
        #expect(one == [1, 2, 3])
    }
}
