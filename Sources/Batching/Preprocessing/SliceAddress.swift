/// Where a slice is: slice `slice` of batch `batch` of epoch `epoch`, all counted from 0.
///
/// A preprocessor that cuts a batch into several slices (a timeseries cut into windows) gives
/// every slice its own address; the slice at an address is a pure function of the configuration.
public struct SliceAddress: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The epoch, from 0.
    public var epoch: Int
    /// The batch within the epoch, from 0.
    public var batch: Int
    /// The slice within the batch, from 0.
    public var slice: Int

    public init(epoch: Int, batch: Int, slice: Int = 0) {
        self.epoch = epoch
        self.batch = batch
        self.slice = slice
    }

    /// The same slice position within the batch at `address`.
    public init(_ address: BatchAddress, slice: Int = 0) {
        self.init(epoch: address.epoch, batch: address.batch, slice: slice)
    }

    /// The address of the batch the slice was cut from.
    public var batchAddress: BatchAddress { BatchAddress(epoch: epoch, batch: batch) }

    public static func < (lhs: SliceAddress, rhs: SliceAddress) -> Bool {
        (lhs.epoch, lhs.batch, lhs.slice) < (rhs.epoch, rhs.batch, rhs.slice)
    }

    public var description: String { "epoch \(epoch), batch \(batch), slice \(slice)" }
}
