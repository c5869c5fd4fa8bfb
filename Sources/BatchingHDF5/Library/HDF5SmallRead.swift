/// The bound on reads of whole small values — attributes and string datasets such as class
/// names — whose element counts come from the file's header.
///
/// A damaged dataspace can claim billions of elements; allocating for them aborts the process
/// ("failed to allocate … bytes"). Real attributes and class-name lists are kilobytes, so 64 MiB
/// is far above any of them and far below any machine's memory.
enum HDF5SmallRead {
    /// The most bytes a whole-value read allocates.
    static let largestBytes = 64 << 20

    /// The bytes `count` elements of `elementSize` bytes take, when they are within
    /// ``largestBytes``; `nil` when the count is negative, overflows or is too large.
    static func bytes(count: Int, elementSize: Int) -> Int? {
        guard count >= 0, elementSize >= 0 else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: max(elementSize, 1))
        return overflow || bytes > largestBytes ? nil : bytes
    }
}
