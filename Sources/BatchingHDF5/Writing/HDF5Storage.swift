/// How the writer stores a dataset: layout, chunk shape and filters.
///
/// ```swift
/// let plain = HDF5Storage.contiguous
/// let packed = HDF5Storage.chunked([16, 32, 32, 3], gzip: 4, shuffle: true)
/// ```
public struct HDF5Storage: Sendable, Hashable {
    /// The layout to create.
    public var layout: HDF5Layout
    /// Chunk extents for `.chunked` (clamped to the dataset's extents).
    public var chunkShape: [Int]?
    /// The deflate level 0…9, or `nil` for no compression (chunked only).
    public var gzipLevel: Int?
    /// Whether to put the byte-shuffle filter before compression (chunked only).
    public var shuffle: Bool

    public init(layout: HDF5Layout, chunkShape: [Int]? = nil, gzipLevel: Int? = nil, shuffle: Bool = false) {
        self.layout = layout
        self.chunkShape = chunkShape
        self.gzipLevel = gzipLevel
        self.shuffle = shuffle
    }

    /// One block of bytes.
    public static let contiguous = HDF5Storage(layout: .contiguous)
    /// Inside the object header (the data must be under 64 KiB).
    public static let compact = HDF5Storage(layout: .compact)

    /// Chunks of `shape`, optionally compressed with gzip at `gzip` and byte-shuffled.
    public static func chunked(_ shape: [Int], gzip: Int? = nil, shuffle: Bool = false) -> HDF5Storage {
        HDF5Storage(layout: .chunked, chunkShape: shape, gzipLevel: gzip, shuffle: shuffle)
    }
}
