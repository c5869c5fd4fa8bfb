import Testing

@testable import BatchingHDF5

/// Reads `bytes` into `count` bytes with a one-shot call of the inflater.
private func oneShot(_ bytes: [UInt8], capacity: Int, framing: DeflateFraming = .zlib) throws -> [UInt8] {
    var out = [UInt8](repeating: 0, count: capacity)
    let written = try bytes.withUnsafeBytes { source in
        try out.withUnsafeMutableBytes { try Inflater.inflate(source, into: $0, framing: framing) }
    }
    return Array(out.prefix(written))
}

/// Expects `body` to throw an ``InflateError`` equal to `expected` whose sentence holds `phrase`.
private func expectError(_ expected: InflateError, saying phrase: String, _ body: () throws -> Void) {
    #expect {
        try body()
    } throws: { error in
        guard let error = error as? InflateError else { return false }
        return error == expected && error.description.contains(phrase)
    }
}

@Suite("Inflater, one-shot")
struct InflaterTests {
    /// `zlib.compress(b'hello, hdf5 chunk' * 3, 9)` as Python writes it.
    static let pythonStream: [UInt8] = [
        120, 218, 203, 72, 205, 201, 201, 215, 81, 200, 72, 73, 51, 85, 72, 206, 40,
        205, 203, 206, 32, 40, 0, 0, 211, 91, 18, 1,
    ]
    static let pythonText = String(repeating: "hello, hdf5 chunk", count: 3)

    @Test func decodesAStreamPythonWrote() throws {
        #expect(try oneShot(Self.pythonStream, capacity: 51) == Array(Self.pythonText.utf8))
        // A larger buffer than needed is fine for `inflate(_:into:)`; it reports the 51 bytes.
        #expect(try oneShot(Self.pythonStream, capacity: 100).count == 51)
    }

    @Test func roundTripsLargeData() throws {
        let original = (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 * 7) ^ ($0 >> 5)) }
        let packed = Deflater.compress(original, level: 4)
        #expect(packed.count < original.count)
        var out = [UInt8](repeating: 0, count: original.count)
        try packed.withUnsafeBytes { source in
            try out.withUnsafeMutableBytes { try Inflater.inflate(source, exactlyInto: $0) }
        }
        #expect(out == original)
    }

    @Test func refusesADestinationTooSmall() {
        expectError(.longerThanExpected(.zlib, expected: 10), saying: "inflates to more than the 10 bytes expected") {
            _ = try oneShot(Self.pythonStream, capacity: 10)
        }
        // One byte short is caught too: the stream must end exactly where the buffer does.
        expectError(.longerThanExpected(.zlib, expected: 50), saying: "more than the 50 bytes") {
            _ = try oneShot(Self.pythonStream, capacity: 50)
        }
    }

    @Test func refusesAStreamShorterThanTheChunk() {
        var out = [UInt8](repeating: 0, count: 52)
        expectError(
            .shorterThanExpected(.zlib, produced: 51, expected: 52), saying: "inflates to 51 bytes, not the 52 expected"
        ) {
            try Self.pythonStream.withUnsafeBytes { source in
                try out.withUnsafeMutableBytes { try Inflater.inflate(source, exactlyInto: $0) }
            }
        }
    }

    @Test func refusesACorruptStream() {
        var damaged = Self.pythonStream
        damaged[5] ^= 0xFF
        damaged[6] ^= 0x55
        #expect {
            _ = try oneShot(damaged, capacity: 100)
        } throws: { error in
            guard case InflateError.corrupt(.zlib, _, let reason) = error else { return false }
            return !reason.isEmpty && "\(error)".hasPrefix("the zlib stream is corrupt after ")
        }
    }

    @Test func refusesAWrongHeaderWithZlibsReason() {
        var damaged = Self.pythonStream
        damaged[0] = 0x00
        expectError(
            .corrupt(.zlib, consumed: 2, reason: "incorrect header check"), saying: "(zlib: incorrect header check)"
        ) {
            _ = try oneShot(damaged, capacity: 100)
        }
    }

    @Test func refusesATruncatedStream() {
        #expect {
            _ = try oneShot(Array(Self.pythonStream.prefix(12)), capacity: 100)
        } throws: { error in
            guard case InflateError.truncated(.zlib, consumed: 12, let produced) = error else { return false }
            return produced < 51 && "\(error)".contains("stops after 12 compressed bytes")
        }
        // Only the 4-byte Adler-32 check missing: every byte is out, but the stream is not whole.
        expectError(.truncated(.zlib, consumed: 24, produced: 51), saying: "before its end") {
            _ = try oneShot(Array(Self.pythonStream.dropLast(4)), capacity: 51)
        }
        expectError(.truncated(.zlib, consumed: 0, produced: 0), saying: "stops after 0 compressed bytes") {
            _ = try oneShot([], capacity: 8)
        }
    }

    @Test func anEmptyStreamFillsAnEmptyBuffer() throws {
        let empty = Deflater.compress([UInt8]())
        #expect(try oneShot(empty, capacity: 0) == [])
        #expect(try oneShot(empty, capacity: 4) == [])
    }

    @Test func decodesAGzipStream() throws {
        #expect(
            try oneShot(InflaterStreamingTests.firstMember, capacity: 14, framing: .gzip)
                == Array("first member, ".utf8))
    }
}
