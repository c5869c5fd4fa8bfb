/// One step of an HDF5 chunk filter pipeline that the direct-read path decodes itself.
///
/// Handled: the two filters nearly every HDF5 writer uses, deflate (gzip, id 1) and shuffle
/// (id 2), and the compressors h5py users add through `hdf5plugin` for which Debian has a
/// library (``ChunkCodec``: Zstd, LZ4, Blosc, LZF). A dataset with any other filter (fletcher32,
/// szip, nbit, scaleoffset, Bitshuffle, BZip2 …) is read through libhdf5 instead.
public enum ChunkFilter: Sendable, Hashable {
    /// zlib deflate (HDF5 filter id 1).
    case deflate
    /// Byte shuffle of elements of the given size (HDF5 filter id 2).
    case shuffle(elementSize: Int)
    /// A compressor decoded with its Debian library (HDF5 filter ids 32000, 32001, 32004, 32015).
    case compressed(ChunkCodec)

    /// The filter for an HDF5 filter id, or `nil` when the direct path cannot decode it.
    ///
    /// ```swift
    /// ChunkFilter(id: 1, elementSize: 4)   // .deflate
    /// ChunkFilter(id: 3, elementSize: 4)   // nil: fletcher32 goes through libhdf5
    /// ```
    public init?(id: Int, elementSize: Int) {
        switch id {
        case 1: self = .deflate
        case 2: self = .shuffle(elementSize: elementSize)
        default:
            guard let codec = ChunkCodec(id: id) else { return nil }
            self = .compressed(codec)
        }
    }

    /// The filter of a dataset's pipeline as libhdf5 describes it, or `nil` when the direct path
    /// cannot decode it exactly as libhdf5 would: another id, or parameters other than the ones
    /// libhdf5 writes (deflate: one level of 0–9, which libhdf5 checks even when reading; shuffle:
    /// the element size, which libhdf5 honours over the type's when unshuffling; a compressor:
    /// those its plugin decodes as the codec does, ``ChunkCodec/init(_:)``).
    ///
    /// ```swift
    /// ChunkFilter(HDF5Filter(id: 2, parameters: [4], isAvailable: true), elementSize: 4)   // .shuffle(elementSize: 4)
    /// ChunkFilter(HDF5Filter(id: 2, parameters: [2], isAvailable: true), elementSize: 4)   // nil
    /// ```
    public init?(_ filter: HDF5Filter, elementSize: Int) {
        switch filter.id {
        case 1 where filter.parameters.count == 1 && filter.parameters[0] <= 9: self = .deflate
        case 2 where filter.parameters == [UInt32(elementSize)]: self = .shuffle(elementSize: elementSize)
        default:
            guard let codec = ChunkCodec(filter) else { return nil }
            self = .compressed(codec)
        }
    }
}
