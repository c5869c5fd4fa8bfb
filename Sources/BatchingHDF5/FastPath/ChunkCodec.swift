import CBlosc

/// A compressor whose HDF5 filter the direct path decodes itself, with the Debian library the
/// filter's own plugin calls, off libhdf5's lock: Zstandard (32015, libzstd), LZ4 (32004,
/// liblz4), Blosc (32001, libblosc) and LZF (32000, liblzf).
///
/// Bitshuffle (32008) is not among them: the decoder Debian's plugin (bitshuffle 0.3.5) exports,
/// `bshuf_decompress_lz4`, takes no stored size and calls `LZ4_decompress_fast`, which trusts the
/// stream, so its chunks are decoded by the plugin, under the lock (the library path).
///
/// ```swift
/// ChunkCodec(HDF5Filter(id: 32004, parameters: [0], isAvailable: true))   // .lz4
/// ChunkCodec(HDF5Filter(id: 32001, parameters: [2, 2], isAvailable: true))   // nil: too few for the plugin
/// ```
public enum ChunkCodec: Sendable, Hashable, CaseIterable {
    case zstd, lz4, blosc, lzf

    /// The codec of filter `id`, whatever its parameters.
    init?(id: Int) {
        switch id {
        case 32015: self = .zstd
        case 32004: self = .lz4
        case 32001: self = .blosc
        case 32000: self = .lzf
        default: return nil
        }
    }

    /// The codec of a dataset's filter, or `nil` when the direct path would not decode it exactly
    /// as the filter's plugin does. Only Blosc's plugin reads its parameters when decoding: it
    /// needs at least four (it reads the third and fourth unchecked), and refuses a seventh, the
    /// compressor, that libblosc does not have — such datasets are left to the plugin. The
    /// others' decoders read none (LZF's third is only a first guess at the buffer size), so any
    /// parameters decode alike.
    public init?(_ filter: HDF5Filter) {
        guard let codec = ChunkCodec(id: filter.id) else { return nil }
        if codec == .blosc {
            let parameters = filter.parameters
            guard parameters.count >= 4 else { return nil }
            if parameters.count >= 7 {
                var name: UnsafePointer<CChar>?
                guard parameters[6] <= Int32.max, blosc_compcode_to_compname(Int32(parameters[6]), &name) >= 0
                else { return nil }
            }
        }
        self = codec
    }

    /// The Debian library that decodes it.
    public var library: String {
        switch self {
        case .zstd: "libzstd"
        case .lz4: "liblz4"
        case .blosc: "libblosc"
        case .lzf: "liblzf"
        }
    }

    /// Decodes the stored chunk `stored` into all of `target`.
    ///
    /// - Throws: ``ChunkCodecError`` when the bytes are not this codec's framing, do not fit in
    ///   `stored`, or decode to any other number of bytes than `target.count`.
    func decode(_ stored: UnsafeRawBufferPointer, exactlyInto target: UnsafeMutableRawBufferPointer) throws {
        switch self {
        case .zstd: try ZstdFrame.decode(stored, exactlyInto: target)
        case .lz4: try LZ4FilterFraming.decode(stored, exactlyInto: target)
        case .blosc: try BloscChunk.decode(stored, exactlyInto: target)
        case .lzf: try LZFChunk.decode(stored, exactlyInto: target)
        }
    }
}

/// Why a stored chunk did not decode, as a clause without context (``ChunkDecoder`` adds which
/// chunk).
public struct ChunkCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }
}
