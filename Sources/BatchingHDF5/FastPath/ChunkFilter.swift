/// One step of an HDF5 chunk filter pipeline that the direct-read path decodes itself.
///
/// Only the two filters nearly every HDF5 writer uses are handled: deflate (gzip, id 1) and
/// shuffle (id 2). A dataset with any other filter (fletcher32, szip, nbit, scaleoffset, LZF …)
/// is read through libhdf5 instead.
public enum ChunkFilter: Sendable, Hashable {
    /// zlib deflate (HDF5 filter id 1).
    case deflate
    /// Byte shuffle of elements of the given size (HDF5 filter id 2).
    case shuffle(elementSize: Int)

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
        default: return nil
        }
    }
}
