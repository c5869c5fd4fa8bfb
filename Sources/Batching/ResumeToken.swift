/// Where an iterator stood, in a few integers: enough to continue exactly there later, in another
/// process, with the same configuration.
///
/// Its text form, `bv1:EPOCH:BATCH:END:FINGERPRINT`, can be stored in a checkpoint or passed on a
/// command line.
public struct ResumeToken: Sendable, Hashable, Codable, LosslessStringConvertible {
    /// The next batch to return.
    public var address: BatchAddress
    /// The epoch at which iteration stops, if it stops.
    public var endEpoch: Int?
    /// The configuration the token belongs to (see ``DataSource/fingerprint(_:)``).
    public var fingerprint: UInt64

    public init(address: BatchAddress, endEpoch: Int?, fingerprint: UInt64) {
        self.address = address
        self.endEpoch = endEpoch
        self.fingerprint = fingerprint
    }

    public var description: String {
        "bv1:\(address.epoch):\(address.batch):\(endEpoch.map(String.init) ?? "-"):\(String(fingerprint, radix: 16))"
    }

    /// Parses the text form; `nil` when it is malformed.
    public init?(_ description: String) {
        let parts = description.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "bv1", let epoch = Int(parts[1]), let batch = Int(parts[2]),
            let fingerprint = UInt64(parts[4], radix: 16)
        else { return nil }
        let end: Int?
        if parts[3] == "-" { end = nil } else if let value = Int(parts[3]) { end = value } else { return nil }
        self.init(address: BatchAddress(epoch: epoch, batch: batch), endEpoch: end, fingerprint: fingerprint)
    }
}
