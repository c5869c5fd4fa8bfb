import Testing

@testable import BatchingHDF5

/// Compressed bytes handed to an ``Inflater`` `piece` bytes at a time, as a file reader would.
private final class PieceFeeder {
    let bytes: [UInt8]
    let piece: Int
    private var offset = 0
    private var buffer: UnsafeMutableRawBufferPointer

    init(_ bytes: [UInt8], piece: Int) {
        self.bytes = bytes
        self.piece = piece
        buffer = .allocate(byteCount: piece, alignment: 1)
    }

    deinit { buffer.deallocate() }

    func next() -> UnsafeRawBufferPointer {
        let n = min(piece, bytes.count - offset)
        bytes.withUnsafeBytes {
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n]))
        }
        offset += n
        return UnsafeRawBufferPointer(rebasing: buffer[0..<n])
    }
}

/// Everything `inflater` gives for `feeder`, read `step` bytes at a time.
private func drain(_ inflater: Inflater, _ feeder: PieceFeeder, step: Int) throws -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: step)
    while true {
        let n = try buffer.withUnsafeMutableBytes { try inflater.inflate(into: $0, refill: feeder.next) }
        if n == 0 { return out }
        out += buffer.prefix(n)
    }
}

@Suite("Inflater, streaming")
struct InflaterStreamingTests {
    /// `gzip.compress(b'first member, ', mtime=0)` and `gzip.compress(b'second member', mtime=0)`
    /// as Python writes them.
    static let firstMember: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 75, 203, 44, 42, 46, 81, 200, 77, 205, 77, 74,
        45, 210, 81, 0, 0, 222, 255, 10, 98, 14, 0, 0, 0,
    ]
    static let secondMember: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 43, 78, 77, 206, 207, 75, 81, 200, 77, 205, 77,
        74, 45, 2, 0, 36, 116, 250, 159, 13, 0, 0, 0,
    ]

    @Test(arguments: [(1, 1), (3, 5), (64, 2), (4096, 4096)])
    func readsConcatenatedGzipMembers(piece: Int, step: Int) throws {
        let inflater = try Inflater(framing: .gzip)
        let feeder = PieceFeeder(Self.firstMember + Self.secondMember, piece: piece)
        #expect(try drain(inflater, feeder, step: step) == Array("first member, second member".utf8))
        #expect(inflater.isFinished)
        #expect(inflater.consumedCount == Self.firstMember.count + Self.secondMember.count)
        #expect(inflater.producedCount == 27)
    }

    @Test(arguments: [1, 7, 1000])
    func streamsLargeDataInSmallReads(piece: Int) throws {
        let original = (0..<200_000).map { UInt8(truncatingIfNeeded: ($0 * 31) ^ ($0 >> 9)) }
        let inflater = try Inflater(framing: .gzip)
        let feeder = PieceFeeder(Deflater.compress(original, framing: .gzip), piece: piece)
        #expect(try drain(inflater, feeder, step: 4093) == original)
    }

    @Test func readsAZlibStreamAndIgnoresBytesAfterIt() throws {
        // zlib framing has one stream only: what follows it (as in a MATLAB element's padding) is not read.
        let inflater = try Inflater(framing: .zlib)
        let feeder = PieceFeeder(InflaterTests.pythonStream + [0, 0, 0, 0], piece: 5)
        #expect(try drain(inflater, feeder, step: 8) == Array(InflaterTests.pythonText.utf8))
    }

    @Test func aTruncatedSecondMemberIsAnError() throws {
        let inflater = try Inflater(framing: .gzip)
        let feeder = PieceFeeder(Self.firstMember + Self.secondMember.prefix(15), piece: 4)
        #expect {
            _ = try drain(inflater, feeder, step: 6)
        } throws: { error in
            guard case InflateError.truncated(.gzip, let consumed, _) = error else { return false }
            return consumed == Self.firstMember.count + 15
                && "\(error)".hasPrefix("the gzip stream stops after 49 compressed bytes")
        }
    }

    @Test func bytesAfterAMemberThatAreNoGzipAreCorrupt() throws {
        let inflater = try Inflater(framing: .gzip)
        let feeder = PieceFeeder(Self.firstMember + [0, 0, 0, 0], piece: 64)
        #expect {
            _ = try drain(inflater, feeder, step: 64)
        } throws: { error in
            guard case InflateError.corrupt(.gzip, _, let reason) = error else { return false }
            return reason == "incorrect header check" && "\(error)".contains("the gzip stream is corrupt after")
        }
    }

    @Test func aCorruptMemberIsAnError() throws {
        var damaged = Self.firstMember
        for k in 12..<20 { damaged[k] ^= 0x5A }
        let inflater = try Inflater(framing: .gzip)
        #expect(throws: InflateError.self) { _ = try drain(inflater, PieceFeeder(damaged, piece: 3), step: 64) }
    }

    @Test func errorsOfTheSourcePassThrough() throws {
        struct SourceGone: Error {}
        let inflater = try Inflater(framing: .gzip)
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(throws: SourceGone.self) {
            _ = try buffer.withUnsafeMutableBytes { try inflater.inflate(into: $0) { throw SourceGone() } }
        }
    }

    @Test func afterTheEndEveryReadIsZero() throws {
        let inflater = try Inflater(framing: .gzip)
        let feeder = PieceFeeder(Self.firstMember, piece: 100)
        #expect(try drain(inflater, feeder, step: 100) == Array("first member, ".utf8))
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(
            try buffer.withUnsafeMutableBytes {
                try inflater.inflate(into: $0) {
                    Issue.record("no refill after the end")
                    return UnsafeRawBufferPointer(start: nil, count: 0)
                }
            } == 0)
    }
}
