import ArgumentParser
import BatchingHDF5

extension ChannelLayout: ExpressibleByArgument {}
extension HDF5ReadPath: ExpressibleByArgument {}
extension DeflateDecoder: ExpressibleByArgument {}

/// The options that say which datasets of an HDF5 file (or folder of batch files) to read:
/// `--images`, `--labels`, `--layout`, `--read-path`, `--cache-mb`, `--deflate`. Shared by every command that opens data.
struct SourceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The images dataset inside the file(s); picked automatically when left out.", valueName: "PATH"))
    var images: String?

    @Option(
        help: ArgumentHelp(
            "The labels dataset inside the file(s); picked automatically when left out.", valueName: "PATH"))
    var labels: String?

    @Option(
        help: ArgumentHelp(
            "How image rows are laid out; inferred from the shape when left out.", valueName: "nhw|nhwc|nchw|ntc|flat"))
    var layout: ChannelLayout?

    @Option(
        help: ArgumentHelp(
            "How rows are read: automatic (direct when the dataset allows, else the library), direct, or library.",
            valueName: "automatic|direct|library"))
    var readPath: HDF5ReadPath = .automatic

    @Option(
        help: ArgumentHelp("Memory for decoded chunks of compressed datasets, kept for later batches.", valueName: "MB")
    )
    var cacheMb: Int = 256

    @Option(
        help: ArgumentHelp(
            "What inflates gzip chunks on the direct path: exact (libdeflate's decompressor patched to refuse every stream zlib refuses, two to three times zlib's speed) or zlib (the reference). Both read exactly as libhdf5: the same bytes or the same refusal (docs/hdf5.md).",
            valueName: "exact|zlib"))
    var deflate: DeflateDecoder = .exact

    /// A decoded-chunk cache of `--cache-mb` megabytes, for one source.
    func makeChunkCache() -> DecodedChunkCache {
        DecodedChunkCache(byteBudget: max(cacheMb, 0) << 20)
    }

    /// Opens `path` (a file, a folder of `*.h5`, or a glob) with these options; its columns keep
    /// decoded chunks in `chunkCache`, or in a new cache of `--cache-mb` megabytes.
    func open(_ path: String, chunkCache: DecodedChunkCache? = nil) throws -> HDF5Source {
        guard cacheMb >= 0 else { throw ValidationError("--cache-mb must be 0 or more megabytes, not \(cacheMb)") }
        return try HDF5Source.open(
            path, images: images, labels: labels, layout: layout, readPath: readPath,
            chunkCache: chunkCache ?? makeChunkCache(), deflate: deflate)
    }
}
