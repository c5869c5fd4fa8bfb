import Testing
@testable import BatchingHDF5

@Suite("Inflate")
struct FastPathInflateTests {
    /// `zlib.compress(b'hello, hdf5 chunk' * 3, 9)` as Python writes it.
    static let pythonStream: [UInt8] = [120, 218, 203, 72, 205, 201, 201, 215, 81, 200, 72, 73, 51, 85, 72, 206, 40,
                                        205, 203, 206, 32, 40, 0, 0, 211, 91, 18, 1]

    @Test func decodesAStreamPythonWrote() throws {
        var out = [UInt8](repeating: 0, count: 51)
        let written = try Self.pythonStream.withUnsafeBytes { source in
            try out.withUnsafeMutableBytes { try Inflate.decode(source, into: $0) }
        }
        #expect(written == 51)
        #expect(String(decoding: out, as: UTF8.self) == String(repeating: "hello, hdf5 chunk", count: 3))
    }

    @Test func roundTripsLargeData() throws {
        let original = (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 * 7) ^ ($0 >> 5)) }
        let packed = original.withUnsafeBytes { Inflate.encode($0, level: 4) }
        #expect(packed.count < original.count)
        var out = [UInt8](repeating: 0, count: original.count)
        let written = try packed.withUnsafeBytes { source in
            try out.withUnsafeMutableBytes { try Inflate.decode(source, into: $0) }
        }
        #expect(written == original.count)
        #expect(out == original)
    }

    @Test func refusesADestinationTooSmall() {
        var out = [UInt8](repeating: 0, count: 10)
        #expect(throws: FastPathError.self) {
            try Self.pythonStream.withUnsafeBytes { source in
                try out.withUnsafeMutableBytes { try Inflate.decode(source, into: $0) }
            }
        }
    }

    @Test func refusesACorruptStream() {
        var damaged = Self.pythonStream
        damaged[5] ^= 0xFF
        damaged[6] ^= 0x55
        var out = [UInt8](repeating: 0, count: 100)
        #expect(throws: FastPathError.self) {
            try damaged.withUnsafeBytes { source in
                try out.withUnsafeMutableBytes { try Inflate.decode(source, into: $0) }
            }
        }
    }

    @Test func refusesATruncatedStream() {
        let truncated = Array(Self.pythonStream.prefix(12))
        var out = [UInt8](repeating: 0, count: 100)
        #expect(throws: FastPathError.self) {
            try truncated.withUnsafeBytes { source in
                try out.withUnsafeMutableBytes { try Inflate.decode(source, into: $0) }
            }
        }
    }
}

@Suite("Inflate, prefix only")
struct FastPathInflatePrefixTests {
    @Test(arguments: [0, 1, 17, 4096, 99_999, 100_000])
    func decodesExactlyThePrefixAskedFor(length: Int) throws {
        let original = (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 * 13) ^ ($0 >> 7)) }
        let packed = original.withUnsafeBytes { Inflate.encode($0, level: 6) }
        var out = [UInt8](repeating: 0xEE, count: length)
        try packed.withUnsafeBytes { source in try out.withUnsafeMutableBytes { try Inflate.decodePrefix(source, into: $0) } }
        #expect(out == Array(original.prefix(length)))
    }

    @Test func refusesAPrefixLongerThanTheStream() {
        var out = [UInt8](repeating: 0, count: 52)
        #expect(throws: FastPathError.self) {
            try FastPathInflateTests.pythonStream.withUnsafeBytes { source in
                try out.withUnsafeMutableBytes { try Inflate.decodePrefix(source, into: $0) }
            }
        }
    }

    @Test func refusesACorruptStream() {
        var damaged = FastPathInflateTests.pythonStream
        damaged[0] = 0x00
        var out = [UInt8](repeating: 0, count: 10)
        #expect(throws: FastPathError.self) {
            try damaged.withUnsafeBytes { source in try out.withUnsafeMutableBytes { try Inflate.decodePrefix(source, into: $0) } }
        }
    }
}
