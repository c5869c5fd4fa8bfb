import Foundation

/// How a dataset's elements are stored in the file.
public enum HDF5Layout: String, Sendable, Hashable, Codable {
    /// One block of bytes at one file offset, row-major.
    case contiguous
    /// Fixed-size chunks, each stored (and filtered) on its own.
    case chunked
    /// Inside the object header (small datasets, under 64 KiB).
    case compact
    /// Stitched from other datasets.
    case virtual
}

/// One filter of a dataset's pipeline (compression, shuffle, checksum).
///
/// ```swift
/// let lzf = HDF5Filter(id: 32000, parameters: [], isAvailable: false)
/// lzf.name  // "lzf"
/// ```
public struct HDF5Filter: Sendable, Hashable, Codable {
    /// The registered filter id (1 deflate, 2 shuffle, 3 fletcher32, 32000 lzf …).
    public var id: Int
    /// A readable name.
    public var name: String
    /// The client data values the filter was set up with (the deflate level, the shuffle
    /// element size …).
    public var parameters: [UInt32]
    /// Whether this libhdf5 can decode it.
    public var isAvailable: Bool

    /// A filter description; `name` defaults to the well-known name of `id`.
    public init(id: Int, name: String? = nil, parameters: [UInt32], isAvailable: Bool) {
        self.id = id
        self.name = name ?? HDF5Filter.knownName(id)
        self.parameters = parameters
        self.isAvailable = isAvailable
    }

    /// The conventional name of a registered filter id.
    public static func knownName(_ id: Int) -> String {
        switch id {
        case 1: "gzip"
        case 2: "shuffle"
        case 3: "fletcher32"
        case 4: "szip"
        case 5: "nbit"
        case 6: "scaleoffset"
        case 307: "bzip2"
        case 32000: "lzf"
        case 32001: "blosc"
        case 32004: "lz4"
        case 32008: "bitshuffle"
        case 32015: "zstd"
        default: "filter \(id)"
        }
    }

    /// The filter named for people, e.g. "gzip 4", "shuffle", "LZF".
    public var summary: String {
        switch id {
        case 1: "gzip \(parameters.first.map(String.init) ?? "")".trimmingCharacters(in: .whitespaces)
        case 32000: "LZF"
        default: name
        }
    }
}
