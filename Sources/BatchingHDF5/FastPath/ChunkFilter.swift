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

    /// The filter of a dataset's pipeline as libhdf5 describes it, or `nil` when the direct path
    /// cannot decode it exactly as libhdf5 would: another id, or parameters other than the ones
    /// libhdf5 writes (deflate: one level of 0–9, which libhdf5 checks even when reading; shuffle:
    /// the element size, which libhdf5 honours over the type's when unshuffling).
    ///
    /// ```swift
    /// ChunkFilter(HDF5Filter(id: 2, parameters: [4], isAvailable: true), elementSize: 4)   // .shuffle(elementSize: 4)
    /// ChunkFilter(HDF5Filter(id: 2, parameters: [2], isAvailable: true), elementSize: 4)   // nil
    /// ```
    public init?(_ filter: HDF5Filter, elementSize: Int) {
        switch filter.id {
        case 1 where filter.parameters.count == 1 && filter.parameters[0] <= 9: self = .deflate
        case 2 where filter.parameters == [UInt32(elementSize)]: self = .shuffle(elementSize: elementSize)
        default: return nil
        }
    }
}
