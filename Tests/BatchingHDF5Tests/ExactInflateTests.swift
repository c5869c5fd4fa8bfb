import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// The exact inflater (`CExactInflate`, ``DeflateDecoder/exact``) against zlib, differentially:
/// streams zlib writes at several levels, strategies and windows, and thousands of mutants of
/// them (bits flipped, cut short, bytes swapped or overwritten; half with the Adler-32 made right
/// again, so that the mutant tests the deflate data itself, not only the check), and the crafted
/// streams of ``DeflateChunkTests/craftedStreams``. zlib's own verdict — a streaming inflate that
/// computes and compares the Adler-32 itself — is the reference: the exact inflater returns the
/// same bytes, or both refuse.
///
/// `BATCHVIEW_INFLATE_FUZZ_COUNT` sets the number of mutants (4,000 by default; `make
/// fuzz-inflate` runs a million), `BATCHVIEW_INFLATE_FUZZ_SEED` their seed (16).
struct ExactInflateTests {
    /// A zlib stream and the bytes Python's zlib inflates it to.
    struct Stream {
        var name: String
        var bytes: [UInt8]
        var inflated: [UInt8]
    }

    /// Streams written by Python's zlib (Debian's libz): image-like bytes, text, noise and a run of
    /// one byte; levels 0, 1, 6, 9 with the default, filtered, Huffman-only, RLE and fixed
    /// strategies; windows of 2^9 and 2^12 bytes; memory levels 1 and 9.
    static func zlibStreams() throws -> [Stream] {
        let folder = try FixturePaths.temporaryDirectory("exact-inflate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try Python.run(
            """
            import os, sys, zlib, numpy as np
            rng = np.random.default_rng(5)
            image = (np.add.outer(np.arange(48), np.arange(64)) % 256 + rng.integers(0, 8, (48, 64))).astype("u1")
            sources = {"image": image.tobytes(), "text": b"hello, hdf5 chunk " * 90,
                       "noise": rng.integers(0, 256, 600).astype("u1").tobytes(), "run": b"\\x07" * 2000}
            strategies = {"default": zlib.Z_DEFAULT_STRATEGY, "filtered": zlib.Z_FILTERED,
                          "huffman": zlib.Z_HUFFMAN_ONLY, "rle": zlib.Z_RLE, "fixed": zlib.Z_FIXED}
            def emit(name, data, level, wbits=15, mem=8, strategy=zlib.Z_DEFAULT_STRATEGY):
                c = zlib.compressobj(level, zlib.DEFLATED, wbits, mem, strategy)
                stream = c.compress(data) + c.flush()
                open(os.path.join(sys.argv[1], name + ".in"), "wb").write(stream)
                open(os.path.join(sys.argv[1], name + ".out"), "wb").write(zlib.decompress(stream))
                print(name)
            for kind, data in sources.items():
                for level in (0, 1, 6, 9):
                    for sname, strategy in strategies.items():
                        emit("%s_%d_%s" % (kind, level, sname), data, level, strategy=strategy)
                emit(kind + "_window9", data, 9, wbits=9)
                emit(kind + "_window12", data, 6, wbits=12)
                emit(kind + "_mem1", data, 6, mem=1)
                emit(kind + "_mem9", data, 6, mem=9)
            """, arguments: [folder.path])
        #expect(written.status == 0, "\(written.combinedOutput)")
        return try written.standardOutput.split(separator: "\n").map { line in
            let base = folder.appendingPathComponent(String(line)).path
            return Stream(
                name: String(line), bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + ".in"))),
                inflated: [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + ".out"))))
        }
    }

    /// Every stream zlib writes is read by the exact inflater itself (no fallback), to Python's
    /// bytes.
    @Test func readsEveryStreamZlibWrites() throws {
        let streams = try Self.zlibStreams()
        #expect(streams.count == 96)
        for stream in streams {
            var out = [UInt8](repeating: 0xEE, count: stream.inflated.count)
            let read = stream.bytes.withUnsafeBytes { source in
                out.withUnsafeMutableBytes { DeflateChunk.exactInflates(source, exactlyInto: $0) }
            }
            #expect(read && out == stream.inflated, "\(stream.name)")
        }
    }

    /// A header declaring a smaller window (CINFO 0–6) than the stream's distances reach: zlib,
    /// built without `INFLATE_STRICT` as Debian builds it, reads it to the bytes anyway; so does
    /// the exact inflater.
    @Test func aSmallerWindowInTheHeaderIsNotEnforced() throws {
        let written = try Python.run(
            """
            import zlib, numpy as np
            data = np.random.default_rng(3).integers(0, 256, 700).astype("u1").tobytes() * 6
            s = zlib.compress(data, 9)
            for cinfo in range(7):
                cmf = cinfo << 4 | 8
                flg = s[1] & 0xE0
                flg |= (31 - (cmf << 8 | flg) % 31) % 31
                t = bytes([cmf, flg]) + s[2:]
                print(t.hex(), zlib.decompress(t).hex())
            """)
        #expect(written.status == 0, "\(written.combinedOutput)")
        let lines = written.standardOutput.split(separator: "\n")
        #expect(lines.count == 7)
        for line in lines {
            let fields = line.split(separator: " ").map(String.init)
            let stream = DeflateChunkTests.bytes(hex: fields[0])
            let expected = DeflateChunkTests.bytes(hex: fields[1])
            let verdict = Self.verdicts(stream, size: expected.count)
            #expect(verdict.zlib == expected && verdict.exact == expected, "header \(fields[0].prefix(4))")
        }
    }

    /// The crafted streams that the unpatched libdeflate reads and zlib refuses (reserved codes,
    /// too many codes, incomplete codes): the exact inflater refuses each itself, into a buffer
    /// of the size libdeflate read it to, as zlib does.
    @Test func refusesTheCraftedStreams() throws {
        for crafted in DeflateChunkTests.craftedStreams {
            let stream = DeflateChunkTests.bytes(hex: crafted.hex)
            var out = [UInt8](repeating: 0, count: crafted.libdeflateReads.count)
            let read = stream.withUnsafeBytes { source in
                out.withUnsafeMutableBytes { DeflateChunk.exactInflates(source, exactlyInto: $0) }
            }
            #expect(!read, "\(crafted.name): the exact inflater reads it")
            let verdict = Self.verdicts(stream, size: out.count)
            #expect(verdict.zlib == nil && verdict.exact == nil, "\(crafted.name)")
        }
    }

    /// Mutants of zlib's streams and of the crafted ones: the exact inflater's verdict is zlib's
    /// on every one, and enough of them are read (by both) for the comparison to reach past the
    /// header into the blocks' codes.
    @Test func mutantsGetZlibsVerdict() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["BATCHVIEW_INFLATE_FUZZ_COUNT"].flatMap { Int($0) } ?? 4000
        let seed = environment["BATCHVIEW_INFLATE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 16
        // Each base stream with the size it is inflated into: its own, or libdeflate's reading of
        // a crafted one.
        let bases =
            try Self.zlibStreams().map { (bytes: $0.bytes, size: $0.inflated.count) }
            + DeflateChunkTests.craftedStreams.map {
                (bytes: DeflateChunkTests.bytes(hex: $0.hex), size: $0.libdeflateReads.count)
            }
        var random = SplitMix64(seed: seed)
        var read = 0
        var repaired = 0
        var disagreements: [String] = []
        for k in 0..<count {
            let base = bases[k % bases.count]
            var mutant = Self.mutate(base.bytes, with: &random)
            var size = base.size
            if random.next() % 2 == 0, let inflated = Self.repairCheck(&mutant) {
                size = inflated
                repaired += 1
            }
            let verdict = Self.verdicts(mutant, size: size)
            if verdict.zlib != verdict.exact {
                disagreements.append("mutant \(k) of base \(k % bases.count), \(size) bytes: \(Self.hex(mutant))")
            }
            if verdict.zlib != nil { read += 1 }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(count): \(disagreements.prefix(5))")
        #expect(read > count / 8 && repaired > count / 8, "read \(read), repaired \(repaired) of \(count)")
        print(
            "exact inflate: \(count) mutants of seed \(seed), \(read) read by both, \(repaired) with the check made right"
        )
    }

    /// zlib's bytes (nil: refused) and the exact inflater's for `stream` filling `size` bytes.
    static func verdicts(_ stream: [UInt8], size: Int) -> (zlib: [UInt8]?, exact: [UInt8]?) {
        let streamCase = DeflateChunkTests.StreamCase(
            name: "", stream: stream, size: size, expected: nil, servedByExact: false)
        let zlib = try? DeflateChunkTests.zlibsOwnVerdict(streamCase).get()
        var out = [UInt8](repeating: 0, count: size)
        let read = stream.withUnsafeBytes { source in
            out.withUnsafeMutableBytes { DeflateChunk.exactInflates(source, exactlyInto: $0) }
        }
        return (zlib, read ? out : nil)
    }

    /// One mutation of `stream`, half of them in its first 48 bytes (the header and the first
    /// block's codes): a bit flipped, a cut, two bytes swapped, or a byte overwritten.
    static func mutate(_ stream: [UInt8], with random: inout SplitMix64) -> [UInt8] {
        var mutant = stream
        let span = random.next() % 2 == 0 ? min(stream.count, 48) : stream.count
        let at = Int(random.next() % UInt64(span))
        switch random.next() % 4 {
        case 0: mutant[at] ^= UInt8(1) << (random.next() % 8)
        case 1: mutant.removeLast(stream.count - at)
        case 2: mutant.swapAt(at, Int(random.next() % UInt64(stream.count)))
        default: mutant[at] = UInt8(truncatingIfNeeded: random.next())
        }
        return mutant
    }

    /// When zlib, not comparing the Adler-32, reads `stream` to its end: writes the right check
    /// over the stream's last four bytes and returns the bytes it inflates to; nil otherwise.
    static func repairCheck(_ stream: inout [UInt8]) -> Int? {
        guard let (consumed, produced, adler) = inflateIgnoringTheCheck(stream), consumed >= 4 else { return nil }
        for k in 0..<4 { stream[consumed - 4 + k] = UInt8(truncatingIfNeeded: adler >> (24 - 8 * k)) }
        return produced
    }

    /// zlib's reading of `stream` with the check read but not compared: the bytes consumed, the
    /// bytes produced and their Adler-32 (RFC 1950's definition, computed here).
    private static func inflateIgnoringTheCheck(_ stream: [UInt8]) -> (consumed: Int, produced: Int, adler: UInt32)? {
        guard let inflater = try? Inflater(framing: .zlib) else { return nil }
        inflater.leaveTheCheckToTheCaller()
        var out = [UInt8](repeating: 0, count: 1 << 16)
        var given = false
        let produced = try? stream.withUnsafeBytes { source in
            try out.withUnsafeMutableBytes { buffer in
                try inflater.inflate(into: buffer) {
                    defer { given = true }
                    return given ? UnsafeRawBufferPointer(start: nil, count: 0) : source
                }
            }
        }
        guard let produced, inflater.isFinished else { return nil }
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in out[0..<produced] {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return (inflater.consumedCount, produced, b << 16 | a)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

/// SplitMix64: a small seeded generator, so that a failing mutant can be made again.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
