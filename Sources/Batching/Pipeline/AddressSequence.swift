/// The batch addresses an iteration visits, in order, from a start address to an end epoch:
/// offset 0 is the start, each following offset the next batch, wrapping into the next epoch.
///
/// ```swift
/// let sequence = AddressSequence(start: BatchAddress(epoch: 0, batch: 8), batchesPerEpoch: 10, endEpoch: 2)
/// sequence.address(at: 3)   // epoch 1, batch 1
/// sequence.address(at: 12)  // nil: past the end
/// ```
public struct AddressSequence: Sendable, Hashable {
    /// The first address.
    public var start: BatchAddress
    /// Batches in one epoch; `nil` when an epoch never ends.
    public var batchesPerEpoch: Int?
    /// The epoch at which the sequence stops (exclusive); `nil` for no end.
    public var endEpoch: Int?

    public init(start: BatchAddress, batchesPerEpoch: Int?, endEpoch: Int?) {
        self.start = start
        self.batchesPerEpoch = batchesPerEpoch
        self.endEpoch = endEpoch
    }

    /// The address `offset` batches after the start, or `nil` past the end.
    public func address(at offset: Int) -> BatchAddress? {
        let address: BatchAddress
        if let perEpoch = batchesPerEpoch {
            guard perEpoch > 0 else { return nil }
            let absolute = start.batch + offset
            address = BatchAddress(epoch: start.epoch + absolute / perEpoch, batch: absolute % perEpoch)
        } else {
            address = BatchAddress(epoch: start.epoch, batch: start.batch + offset)
        }
        if let endEpoch, address.epoch >= endEpoch { return nil }
        return address
    }

    /// The number of addresses, or `nil` when endless.
    public var count: Int? {
        guard let endEpoch else { return nil }
        guard let perEpoch = batchesPerEpoch else { return start.epoch < endEpoch ? nil : 0 }
        return max(0, (endEpoch - start.epoch) * perEpoch - start.batch)
    }
}
