import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// The direct path decodes Zstd, LZ4, Blosc and LZF itself (``ChunkCodec``), off libhdf5's lock:
/// files h5py + hdf5plugin write read byte for byte as h5py reads them through the direct,
/// automatic and library paths (and through raw chunks the library copies out); a damaged chunk
/// gets the library's verdict.
struct DirectCodecTests {
    /// The h5py keyword arguments of each filter (`hdf5plugin` imported as `p`) and the codec
    /// the direct path decodes it with.
    static let filters: [(String, ChunkCodec)] = [
        ("compression='lzf'", .lzf), ("**p.LZ4()", .lz4), ("**p.LZ4(nbytes=96)", .lz4), ("**p.Zstd()", .zstd),
        ("**p.Zstd(clevel=19)", .zstd), ("**p.Blosc(cname='lz4', clevel=5, shuffle=p.Blosc.SHUFFLE)", .blosc),
        ("**p.Blosc(cname='zstd', clevel=3, shuffle=p.Blosc.BITSHUFFLE)", .blosc),
        ("**p.Blosc(cname='blosclz', clevel=9, shuffle=p.Blosc.NOSHUFFLE)", .blosc),
        ("**p.Blosc(cname='lz4hc', clevel=4, shuffle=p.Blosc.BITSHUFFLE)", .blosc),
    ]

    @Test(arguments: filters)
    func readsAsH5pyReads(filter: String, codec: ChunkCodec) throws {
        let folder = try FixturePaths.temporaryDirectory("codecs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("filtered.h5").path
        let expected = try PluginFilterTests.writeWithH5py(filter, at: path)
        let file = try HDF5File(path: path)
        for (name, hex) in expected {
            let dataset = try file.dataset(name)
            guard case .chunked(let grid, _) = try DirectLayout.discover(dataset).get().storage else {
                Issue.record("\(name) is not chunked")
                continue
            }
            #expect(grid.filters.contains(.compressed(codec)), "\(name): the direct path decodes \(filter) itself")
            for readPath in HDF5ReadPath.allCases {
                let column = try HDF5Column(file: file, dataset: name, readPath: readPath)
                // Rows asked for last to first, then put back in order.
                let backwards = Array((0..<column.rowCount).reversed())
                let rows = try column.gatherRows(backwards).gatherRows(backwards)
                #expect(PluginFilterTests.hex(rows) == hex, "\(name), \(readPath) path")
            }
            // Raw chunks copied out by the library, decoded here (datasets of many chunks).
            let raw = try DirectRowReader.make(
                for: dataset, cache: DecodedChunkCache(byteBudget: 0), locateChunksUpTo: 0
            ).get()
            let all = Array(0..<dataset.info.shape[0])
            #expect(try PluginFilterTests.hex(FastPathReadPathTests.gather(raw, all)) == hex, "\(name), raw chunks")
            #expect(file.root.dataset(at: name)?.filters.last?.decoder() == "direct, \(codec.library)")
        }
    }

    /// A chunk with one byte changed reads as the library reads it: both refuse, or both return
    /// the same bytes; never a crash. The bytes changed lie past each framing's header (a damaged
    /// LZ4 header makes the plugin read past its buffer; the direct path refuses it, see
    /// ``lz4FramingIsCheckedBeforeUse()``).
    @Test(arguments: filters.map(\.0))
    func aDamagedChunkGetsTheLibrarysVerdict(filter: String) throws {
        let folder = try FixturePaths.temporaryDirectory("codecs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("damaged").path
        // The original, then one copy per changed byte (at 1/3, 1/2, 2/3 and the end of the
        // second chunk's stored bytes, XOR 0x5a), named path_K.h5; prints K per copy.
        let written = try Python.run(
            """
            import sys, h5py, numpy as np, hdf5plugin as p
            x = (np.arange(40 * 6 * 5) * 7919 % 1013 - 300).astype("<i2").reshape(40, 6, 5)
            with h5py.File(sys.argv[1] + ".h5", "w") as f:
                d = f.create_dataset("images", data=x, chunks=(8, 6, 5), shuffle=True, \(filter))
                info = d.id.get_chunk_info(1)
            data = bytearray(open(sys.argv[1] + ".h5", "rb").read())
            for k, at in enumerate((info.size // 3, info.size // 2, 2 * info.size // 3, info.size - 1)):
                damaged = bytearray(data)
                damaged[info.byte_offset + max(at, 24)] ^= 0x5A
                open("%s_%d.h5" % (sys.argv[1], k), "wb").write(damaged)
                print(k)
            """, arguments: [path])
        #expect(written.status == 0, "\(written.combinedOutput)")
        let copies = written.standardOutput.split(separator: "\n")
        #expect(copies.count == 4)
        for k in copies {
            let copy = "\(path)_\(k).h5"
            let library = Result {
                try HDF5Column(file: HDF5File(path: copy), dataset: "images", readPath: .library).readAll()
            }
            let direct = Result {
                try HDF5Column(file: HDF5File(path: copy), dataset: "images", readPath: .direct).readAll()
            }
            switch (library, direct) {
            case (.success(let expected), .success(let rows)):
                #expect(rows == expected, "\(filter), copy \(k): the direct path returned other bytes")
            case (.failure, .failure(let error)):
                #expect("\(error)".contains("the chunk at offset"), "\(error)")
                #expect(!"\(error)".contains("\n"), "\(error)")
            case (.success, .failure(let error)):
                Issue.record("\(filter), copy \(k): the library reads it, the direct path says \(error)")
            case (.failure(let error), .success):
                Issue.record("\(filter), copy \(k): the library refuses it (\(error)), the direct path reads it")
            }
        }
    }

    /// Every size in an LZ4 chunk is checked before it is used; chunks built byte by byte from
    /// the framing (raw blocks: a stored size equal to the block's size), no compressor needed.
    @Test func lz4FramingIsCheckedBeforeUse() throws {
        let payload = (0..<10).map { UInt8($0 * 3) }
        func chunk(decoded: UInt64 = 10, block: UInt32 = 4, blocks: [(UInt32, [UInt8])]) -> [UInt8] {
            var bytes =
                withUnsafeBytes(of: decoded.bigEndian, Array.init) + withUnsafeBytes(of: block.bigEndian, Array.init)
            for (size, data) in blocks { bytes += withUnsafeBytes(of: size.bigEndian, Array.init) + data }
            return bytes
        }
        /// The decoded bytes, or `nil` when the framing refuses the chunk.
        func decode(_ stored: [UInt8]) -> [UInt8]? {
            var out = [UInt8](repeating: 0, count: 10)
            do {
                try stored.withUnsafeBytes { source in
                    try out.withUnsafeMutableBytes { try LZ4FilterFraming.decode(source, exactlyInto: $0) }
                }
            } catch {
                #expect(error is ChunkCodecError)
                return nil
            }
            return out
        }
        let good = chunk(blocks: [(4, Array(payload[0..<4])), (4, Array(payload[4..<8])), (2, Array(payload[8..<10]))])
        #expect(decode(good) == payload)
        #expect(decode(good + [1, 2, 3]) == payload) // trailing bytes are ignored, as the plugin does
        // A block size past the decoded size is the decoded size (one block).
        #expect(decode(chunk(block: 1 << 30, blocks: [(10, payload)])) == payload)
        let refused: [[UInt8]] = [
            chunk(decoded: 11, blocks: []), // states another size than the chunk's
            chunk(block: 0, blocks: []), // a block size of 0 never ends
            chunk(blocks: [(4, Array(payload[0..<4]))]), // ends before its last block
            chunk(blocks: [(4, Array(payload[0..<4])), (4, Array(payload[4..<8])), (2, [1])]), // a block past the end
            chunk(blocks: [(4, Array(payload[0..<4])), (4, Array(payload[4..<8])), (0xFFFF_FFFF, [1, 2])]),
            chunk(blocks: [(3, [0xFF, 0xFF, 0xFF]), (4, Array(payload[4..<8])), (2, Array(payload[8..<10]))]),
            Array(good.prefix(11)),
        ]
        for stored in refused {
            #expect(decode(stored) == nil, "decoded a damaged LZ4 chunk: \(stored)")
        }
    }

    /// Only the parameters a plugin decodes alike are taken; the rest is left to the plugin.
    @Test func bloscParametersTheDirectPathTakes() {
        func codec(_ id: Int, _ parameters: [UInt32]) -> ChunkCodec? {
            ChunkCodec(HDF5Filter(id: id, parameters: parameters, isAvailable: true))
        }
        #expect(codec(32001, [2, 2, 4, 4000, 5, 1, 1]) == .blosc) // lz4, as hdf5plugin writes it
        #expect(codec(32001, [2, 2, 4, 4000]) == .blosc)
        #expect(codec(32001, [2, 2, 4]) == nil) // the plugin reads a fourth unchecked
        #expect(codec(32001, [2, 2, 4, 4000, 5, 1, 77]) == nil) // a compressor libblosc lacks
        #expect(codec(32004, []) == .lz4 && codec(32015, [19]) == .zstd && codec(32000, [4, 261, 800]) == .lzf)
        #expect(codec(32008, [0, 2, 4, 0, 2]) == nil) // Bitshuffle: the plugin decodes it
        #expect(
            ChunkFilter(HDF5Filter(id: 32004, parameters: [], isAvailable: true), elementSize: 4) == .compressed(.lz4))
    }
}
