import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// The direct path inflates deflate-filtered chunks with the exact inflater by default and with
/// zlib when asked (``DeflateChunk``, ``DeflateDecoder``): h5py's gzip files read byte for byte as
/// h5py reads them on every read path with either; a damaged stream gets the verdict Python's zlib
/// gives it (the same bytes, or a refusal — zlib's own); hand-crafted streams zlib refuses (and
/// the unpatched libdeflate reads) are refused by both. `ExactInflateTests` holds the exact
/// inflater to zlib on thousands of mutants.
struct DeflateChunkTests {
    /// h5py's gzip datasets (levels 1, 4, 9; seven dtypes, two chunk shapes, with and without
    /// shuffle) read as h5py reads them through the direct, automatic and library paths, and
    /// through raw chunks the library copies out, with the exact inflater and with zlib; the
    /// filter says which decodes it.
    @Test(arguments: [1, 4, 9])
    func readsAsH5pyReads(level: Int) throws {
        let folder = try FixturePaths.temporaryDirectory("deflate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gzip.h5").path
        let expected = try PluginFilterTests.writeWithH5py("compression='gzip', compression_opts=\(level)", at: path)
        let file = try HDF5File(path: path)
        for (name, hex) in expected {
            let dataset = try file.dataset(name)
            let layout = try DirectLayout.discover(dataset).get()
            guard case .chunked(let grid, _) = layout.storage, grid.filters.contains(.deflate) else {
                Issue.record("\(name): not chunked with deflate on the direct path")
                continue
            }
            for readPath in HDF5ReadPath.allCases {
                for deflate in DeflateDecoder.allCases {
                    let rows = try HDF5Column(file: file, dataset: name, readPath: readPath, deflate: deflate).readAll()
                    #expect(PluginFilterTests.hex(rows) == hex, "gzip \(level), \(name), \(readPath) path, \(deflate)")
                }
            }
            for deflate in DeflateDecoder.allCases {
                let raw = try DirectRowReader.make(
                    for: dataset, cache: DecodedChunkCache(byteBudget: 0), locateChunksUpTo: 0, deflate: deflate
                ).get()
                let rows = try FastPathReadPathTests.gather(raw, Array(0..<dataset.info.shape[0]))
                #expect(PluginFilterTests.hex(rows) == hex, "gzip \(level), \(name), raw chunks, \(deflate)")
            }
            let filter = file.root.dataset(at: name)?.filters.last
            #expect(filter?.decoder() == "direct, exact")
            #expect(filter?.decoder(deflate: .zlib) == "direct, zlib")
        }
    }

    /// A gzip chunk with a byte changed (in the middle and in its Adler-32) reads as the library
    /// reads it, or both refuse.
    @Test(arguments: [1, 9])
    func aDamagedChunkGetsTheLibrarysVerdict(level: Int) throws {
        try DirectCodecTests().aDamagedChunkGetsTheLibrarysVerdict(
            filter: "compression='gzip', compression_opts=\(level)")
    }

    /// One zlib stream and the chunk size it is inflated into, with Python's verdict.
    struct StreamCase {
        var name: String
        var stream: [UInt8]
        var size: Int
        /// What Python's zlib inflates it to when that is one whole stream of exactly `size`
        /// bytes; `nil` when it refuses.
        var expected: [UInt8]?
        /// Whether the exact inflater itself must decode it (an undamaged stream of a chunk's
        /// bytes), not zlib behind it.
        var servedByExact: Bool
    }

    /// Streams Python's zlib writes (levels 0, 1, 4, 9; a 512-byte window; a preset dictionary;
    /// noise, text, image-like bytes, nothing) and their damaged copies: bytes flipped in the
    /// header, the data and the Adler-32, cut short, followed by other bytes, inflated into a
    /// chunk one byte too small or too large.
    static func streamCases() throws -> [StreamCase] {
        let folder = try FixturePaths.temporaryDirectory("deflate-streams")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try Python.run(
            """
            import os, sys, zlib, numpy as np
            rng = np.random.default_rng(11)
            image = (np.add.outer(np.arange(200), np.arange(200)) % 256 + rng.integers(0, 8, (200, 200))).astype("u1")
            sources = {"noise": rng.integers(0, 256, 3000).astype("u1").tobytes(),
                       "text": b"hello, hdf5 chunk " * 1200, "image": image.tobytes()}
            streams = [("%s_%d" % (k, lvl), zlib.compress(v, lvl), v) for k, v in sources.items() for lvl in (1, 4, 9)]
            streams.append(("level0", zlib.compress(sources["text"][:5000], 0), sources["text"][:5000]))
            small = zlib.compressobj(9, zlib.DEFLATED, 9)
            streams.append(("window512", small.compress(sources["image"]) + small.flush(), sources["image"]))
            preset = zlib.compressobj(6, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY, b"hello, hdf5")
            streams.append(("dictionary", preset.compress(sources["text"]) + preset.flush(), sources["text"]))
            streams.append(("nothing", zlib.compress(b""), b""))
            def verdict(stream, size):
                d = zlib.decompressobj()
                try:
                    out = d.decompress(stream)
                except zlib.error:
                    return None
                return out if d.eof and len(out) == size else None
            def emit(name, stream, size, served):
                out = verdict(stream, size)
                open(os.path.join(sys.argv[1], name + ".in"), "wb").write(stream)
                if out is not None:
                    open(os.path.join(sys.argv[1], name + ".out"), "wb").write(out)
                print(name, size, int(served))
            for name, s, v in streams:
                n, real = len(s), len(v) > 0 and name != "dictionary"
                emit(name, s, len(v), real)
                emit(name + "_short", s, len(v) + 1, False)
                emit(name + "_long", s, max(len(v) - 1, 0), False)
                for tail in (b"\\0", b"garbage!", s):
                    emit("%s_tail%d" % (name, len(tail)), s + tail, len(v), real)
                for at in sorted({0, 1, 2, n // 4, n // 2, 3 * n // 4, n - 5, n - 4, n - 3, n - 2, n - 1}):
                    flipped = bytearray(s)
                    flipped[at] ^= 0x5A
                    emit("%s_flip%d" % (name, at), bytes(flipped), len(v), False)
                for cut in sorted({0, 1, 2, n // 2, n - 4, n - 1}):
                    emit("%s_cut%d" % (name, cut), s[:cut], len(v), False)
            """, arguments: [folder.path])
        #expect(written.status == 0, "\(written.combinedOutput)")
        return try written.standardOutput.split(separator: "\n").map { line in
            let fields = line.split(separator: " ").map(String.init)
            let base = folder.appendingPathComponent(fields[0]).path
            let output = FileManager.default.contents(atPath: base + ".out").map { [UInt8]($0) }
            return StreamCase(
                name: fields[0], stream: [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + ".in"))),
                size: Int(fields[1]) ?? -1, expected: output, servedByExact: fields[2] == "1")
        }
    }

    /// The exact inflater alone never returns bytes Python's zlib does not, and decodes every
    /// undamaged stream itself; the chunk inflater's verdict — with the exact inflater (the
    /// default) and with zlib — is Python's, and a refusal is zlib's sentence.
    @Test func everyStreamGetsZlibsVerdict() throws {
        let cases = try Self.streamCases()
        #expect(cases.count > 280)
        #expect(cases.filter(\.servedByExact).count == 44)
        for streamCase in cases {
            let name = streamCase.name
            var byExact = [UInt8](repeating: 0xEE, count: streamCase.size)
            let served = streamCase.stream.withUnsafeBytes { source in
                byExact.withUnsafeMutableBytes { DeflateChunk.exactInflates(source, exactlyInto: $0) }
            }
            #expect(!served || byExact == streamCase.expected, "\(name): the exact inflater returned other bytes")
            #expect(served || !streamCase.servedByExact, "\(name): the exact inflater did not decode it")

            let viaZlib = Self.zlibsOwnVerdict(streamCase)
            for decoder in DeflateDecoder.allCases {
                let viaChunk = inflate(streamCase) { try DeflateChunk.inflate($0, exactlyInto: $1, with: decoder) }
                switch (viaChunk, viaZlib) {
                case (.success(let bytes), .success(let zlibBytes)):
                    #expect(bytes == streamCase.expected && bytes == zlibBytes, "\(name), \(decoder): not zlib's bytes")
                case (.failure(let error), .failure(let zlibError)):
                    #expect(streamCase.expected == nil, "\(name), \(decoder): refused, Python reads it")
                    #expect(
                        error as? InflateError == zlibError as? InflateError,
                        "\(name), \(decoder): \(error) vs \(zlibError)")
                default:
                    Issue.record("\(name), \(decoder): the chunk inflater says \(viaChunk), zlib \(viaZlib)")
                }
            }
        }
    }

    /// Streams built by hand (bit by bit, per RFC 1950/1951) that zlib refuses and the unpatched
    /// libdeflate 1.14 reads, with what it made of them (measured when it was batchview's opt-in;
    /// here the size of the buffer each is inflated into): a literal `a` and then, per case, the reserved
    /// length codes 286/287 (taken as 258), 96 matches of 258 then the reserved distance codes
    /// 30/31 (taken as 24577), more than 286 length or 30 distance codes in a header, the unused
    /// codeword of a one-symbol distance code, a match under an empty distance code.
    static let craftedStreams: [(name: String, hex: String, libdeflateReads: [UInt8])] = {
        let a = UInt8(ascii: "a")
        let ninetySixMatches =
            "789c4b1c" + String(repeating: "05a360148c8251300a46c12818", count: 11) + "05a360148c8251300a46c128"
        return [
            ("length code 286", "789c4b1c0300d9a86224", Array(repeating: a, count: 259)),
            ("length code 287", "789c4b1c0700d9a86224", Array(repeating: a, count: 259)),
            ("distance code 30", ninetySixMatches + "003e0000009c7eac61", Array(repeating: a, count: 1 + 96 * 258 + 3)),
            ("distance code 31", ninetySixMatches + "007e0000009c7eac61", Array(repeating: a, count: 1 + 96 * 258 + 3)),
            ("288 length codes", "789cfdc02109000000c0b0aceb5f62512600620062", [a]),
            ("287 length codes", "789cf5c02109000000c0b0aceb5f624d2600620062", [a]),
            ("31 distance codes", "789c05de2109000000c0b0aceb5f626b2200620062", [a]),
            ("32 distance codes", "789c05df2109000000c0b0aceb5f628b2200620062", [a]),
            ("unused codeword of a one-symbol code", "789c0dc02109000000c0b0aceb5fe29f0703ce0185", [a, a, a, a]),
            ("match under an empty distance code", "789c0dc02109000000c0b0aceb5fe2c70203ce0185", [a, a, a, a]),
        ]
    }()

    static func bytes(hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { start in
            let from = hex.index(hex.startIndex, offsetBy: start)
            return UInt8(hex[from..<hex.index(from, offsetBy: 2)], radix: 16)!
        }
    }

    /// Each crafted stream: Python's zlib refuses it; the chunk inflater refuses it with zlib's
    /// sentence, with the exact inflater (which refuses it itself: `ExactInflateTests`) and with
    /// zlib.
    @Test func craftedStreamsAreRefusedAsZlibRefusesThem() throws {
        let verdicts = try Python.run(
            """
            import sys, zlib
            for h in sys.argv[1:]:
                try:
                    zlib.decompress(bytes.fromhex(h)); print("reads")
                except zlib.error as e:
                    print("refuses", e)
            """, arguments: Self.craftedStreams.map(\.hex))
        #expect(verdicts.status == 0, "\(verdicts.combinedOutput)")
        let lines = verdicts.standardOutput.split(separator: "\n")
        #expect(lines.count == Self.craftedStreams.count)
        for (crafted, python) in zip(Self.craftedStreams, lines) {
            #expect(python.hasPrefix("refuses"), "\(crafted.name): Python's zlib says \(python)")
            let streamCase = StreamCase(
                name: crafted.name, stream: Self.bytes(hex: crafted.hex), size: crafted.libdeflateReads.count,
                expected: nil, servedByExact: false)
            let viaZlib = Self.zlibsOwnVerdict(streamCase)
            for decoder in DeflateDecoder.allCases {
                let viaChunk = inflate(streamCase) { try DeflateChunk.inflate($0, exactlyInto: $1, with: decoder) }
                guard case .failure(let zlibError) = viaZlib, case .failure(let error) = viaChunk else {
                    Issue.record("\(crafted.name): zlib says \(viaZlib), the chunk inflater (\(decoder)) \(viaChunk)")
                    continue
                }
                #expect(
                    error as? InflateError == zlibError as? InflateError,
                    "\(crafted.name), \(decoder): \(error) vs \(zlibError)")
            }
        }
    }

    /// A gzip dataset whose one chunk is `78 9c 4b 1c 03 00 d9 a8 62 24` (written raw by h5py):
    /// h5py refuses to read it, and so does every read path with either inflater (the unpatched
    /// libdeflate read it as 259 × `a`).
    @Test func aCraftedChunkIsRefusedLikeLibhdf5() throws {
        let folder = try FixturePaths.temporaryDirectory("deflate-crafted")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("crafted.h5").path
        let written = try Python.run(
            """
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], "w") as f:
                d = f.create_dataset("images", shape=(259, 1), dtype="u1", chunks=(259, 1), compression="gzip")
                d.id.write_direct_chunk((0, 0), bytes.fromhex("789c4b1c0300d9a86224"))
            try:
                h5py.File(sys.argv[1], "r")["images"][...]
                print("reads")
            except OSError:
                print("refuses")
            """, arguments: [path])
        #expect(written.status == 0, "\(written.combinedOutput)")
        #expect(written.standardOutput == "refuses\n", "h5py: \(written.standardOutput)")
        let file = try HDF5File(path: path)
        for readPath in HDF5ReadPath.allCases {
            for deflate in DeflateDecoder.allCases {
                #expect(throws: HDF5Error.self, "\(readPath) path, \(deflate)") {
                    try HDF5Column(file: file, dataset: "images", readPath: readPath, deflate: deflate).readAll()
                }
            }
        }
    }

    /// What zlib itself — a streaming inflater, with zlib computing and comparing the Adler-32 —
    /// makes of the stream filling exactly `size` bytes: the reference the one-shot inflater
    /// (which compares the check with libdeflate's Adler-32) and the exact inflater are held to,
    /// sentence for sentence.
    static func zlibsOwnVerdict(_ streamCase: StreamCase) -> Result<[UInt8], any Error> {
        var out = [UInt8](repeating: 0, count: streamCase.size + 1)
        return Result {
            let written = try streamCase.stream.withUnsafeBytes { source in
                let inflater = try Inflater(framing: .zlib)
                var given = false
                return try out.withUnsafeMutableBytes { buffer in
                    try inflater.inflate(into: buffer) {
                        defer { given = true }
                        return given ? UnsafeRawBufferPointer(start: nil, count: 0) : source
                    }
                }
            }
            if written > streamCase.size { throw InflateError.longerThanExpected(.zlib, expected: streamCase.size) }
            if written < streamCase.size {
                throw InflateError.shorterThanExpected(.zlib, produced: written, expected: streamCase.size)
            }
            return Array(out[0..<written])
        }
    }

    private func inflate(
        _ streamCase: StreamCase,
        with body: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) throws -> Void
    ) -> Result<[UInt8], any Error> {
        var out = [UInt8](repeating: 0, count: streamCase.size)
        return Result {
            try streamCase.stream.withUnsafeBytes { source in try out.withUnsafeMutableBytes { try body(source, $0) } }
            return out
        }
    }
}
