import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// The direct path inflates deflate-filtered chunks with libdeflate (``DeflateChunk``), zlib behind
/// it: h5py's gzip files read byte for byte as h5py reads them on every read path, and a damaged
/// stream gets the verdict Python's zlib gives it (the same bytes, or a refusal — zlib's own).
struct DeflateChunkTests {
    /// h5py's gzip datasets (levels 1, 4, 9; seven dtypes, two chunk shapes, with and without
    /// shuffle) read as h5py reads them through the direct, automatic and library paths, and
    /// through raw chunks the library copies out; `info` names libdeflate.
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
                let rows = try HDF5Column(file: file, dataset: name, readPath: readPath).readAll()
                #expect(PluginFilterTests.hex(rows) == hex, "gzip \(level), \(name), \(readPath) path")
            }
            let raw = try DirectRowReader.make(
                for: dataset, cache: DecodedChunkCache(byteBudget: 0), locateChunksUpTo: 0
            ).get()
            let rows = try FastPathReadPathTests.gather(raw, Array(0..<dataset.info.shape[0]))
            #expect(PluginFilterTests.hex(rows) == hex, "gzip \(level), \(name), raw chunks")
            #expect(file.root.dataset(at: name)?.filters.last?.decoder() == "direct, libdeflate")
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
        /// Whether libdeflate itself must decode it (an undamaged stream of a chunk's bytes).
        var servedByLibdeflate: Bool
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
                size: Int(fields[1]) ?? -1, expected: output, servedByLibdeflate: fields[2] == "1")
        }
    }

    /// libdeflate alone never returns bytes Python's zlib does not, and decodes every undamaged
    /// stream itself; the chunk inflater's verdict is Python's, and a refusal is zlib's sentence.
    @Test func everyStreamGetsZlibsVerdict() throws {
        let cases = try Self.streamCases()
        #expect(cases.count > 280)
        #expect(cases.filter(\.servedByLibdeflate).count == 44)
        for streamCase in cases {
            let name = streamCase.name
            var byLibdeflate = [UInt8](repeating: 0xEE, count: streamCase.size)
            let served = streamCase.stream.withUnsafeBytes { source in
                byLibdeflate.withUnsafeMutableBytes { DeflateChunk.libdeflateInflates(source, exactlyInto: $0) }
            }
            #expect(!served || byLibdeflate == streamCase.expected, "\(name): libdeflate returned other bytes")
            #expect(served || !streamCase.servedByLibdeflate, "\(name): libdeflate did not decode it")

            let viaChunk = inflate(streamCase) { try DeflateChunk.inflate($0, exactlyInto: $1) }
            let viaZlib = inflate(streamCase) { try Inflater.inflate($0, exactlyInto: $1) }
            switch (viaChunk, viaZlib) {
            case (.success(let bytes), .success(let zlibBytes)):
                #expect(bytes == streamCase.expected && bytes == zlibBytes, "\(name): other bytes than zlib's")
            case (.failure(let error), .failure(let zlibError)):
                #expect(streamCase.expected == nil, "\(name): refused, Python reads it")
                #expect(error as? InflateError == zlibError as? InflateError, "\(name): \(error) vs \(zlibError)")
            default:
                Issue.record("\(name): the chunk inflater says \(viaChunk), zlib \(viaZlib)")
            }
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
