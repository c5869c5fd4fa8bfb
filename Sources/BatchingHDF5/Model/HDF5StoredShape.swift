/// The extents, maximum extents and chunk extents a file states for one dataset, checked before
/// any of them is used to count, allocate, index or copy.
///
/// The numbers come from the file as unsigned 64-bit values; a damaged header can make any of
/// them absurd. libhdf5 1.10 trusts some of them (a chunk larger than a fixed dimension reads
/// outside its buffers), so they are refused here, with the sentence saying which number is wrong.
///
/// ```swift
/// let stored = HDF5StoredShape(extents: [1797, 8, 8], maxExtents: [1797, 8, 8], chunk: [1056, 8, 262152])
/// stored.problem(elementSize: 1)   // "its chunk extent 262152 along axis 2 exceeds the axis's fixed maximum 8"
/// ```
struct HDF5StoredShape: Sendable, Hashable {
    /// libhdf5's mark of an axis that may grow without bound (`H5S_UNLIMITED`).
    static let unlimited = UInt64.max
    /// The largest chunk libhdf5 stores: chunk sizes are 32-bit in the file.
    static let largestChunkBytes: UInt64 = (1 << 32) - 1

    /// The current extent of each axis.
    var extents: [UInt64]
    /// The maximum extent of each axis (``unlimited`` for an axis that may grow).
    var maxExtents: [UInt64]
    /// The chunk extents, for a chunked dataset.
    var chunk: [UInt64]?

    /// The first thing wrong with these numbers for elements of `elementSize` bytes, as a clause
    /// ("its extent … exceeds …"); `nil` when every number can be used.
    func problem(elementSize: Int) -> String? {
        for (axis, extent) in extents.enumerated() {
            guard extent <= UInt64(Int.max) else { return "its extent \(extent) along axis \(axis) is beyond counting" }
            if axis < maxExtents.count, maxExtents[axis] != Self.unlimited, extent > maxExtents[axis] {
                return "its extent \(extent) along axis \(axis) exceeds the axis's maximum \(maxExtents[axis])"
            }
        }
        guard let chunk else { return nil }
        guard chunk.count == extents.count else {
            return "its chunks have \(chunk.count) axes but the dataset has \(extents.count)"
        }
        var chunkBytes = UInt64(max(elementSize, 1))
        for (axis, extent) in chunk.enumerated() {
            guard extent > 0 else { return "its chunk extent along axis \(axis) is 0" }
            if axis < maxExtents.count, maxExtents[axis] != Self.unlimited, extent > maxExtents[axis] {
                return
                    "its chunk extent \(extent) along axis \(axis) exceeds the axis's fixed maximum \(maxExtents[axis])"
            }
            let (product, overflow) = chunkBytes.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= Self.largestChunkBytes else {
                return "its chunks of \(chunk) elements are over 4 GiB, more than HDF5 can store"
            }
            chunkBytes = product
        }
        return nil
    }

    /// Why a compact dataset (its bytes inside its object header) of these extents cannot hold
    /// its elements in `storedBytes`, as a clause; `nil` when they fit exactly. libhdf5 1.10
    /// copies the whole extent out of the compact buffer without checking (SIGSEGV, or other
    /// memory returned as rows).
    func compactProblem(storedBytes: Int, elementSize: Int) -> String? {
        var needed = max(elementSize, 0)
        for extent in extents {
            let (product, overflow) = needed.multipliedReportingOverflow(by: Int(clamping: extent))
            if overflow { return "its compact storage cannot hold \(extents) elements" }
            needed = product
        }
        return needed == storedBytes
            ? nil : "its compact storage holds \(storedBytes) bytes but its shape needs \(needed)"
    }
}
