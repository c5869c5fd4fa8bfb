/// Where an iterator stood, in a few integers: enough to continue exactly there later, in another
/// process, with the same configuration.
///
/// Its text form can be stored in a checkpoint or passed on a command line (`--resume TOKEN`):
///
/// - `bv1:EPOCH:BATCH:END:FINGERPRINT` — made by ``BatchIterator/resumeToken()``: the fingerprint
///   is the data source's (``DataSource/fingerprint(_:)``), which says only *whether* the
///   configuration matches. END is `-` when iteration never ends.
/// - `bv2:EPOCH:BATCH:END:FINGERPRINT:SETTINGS` — made by `batchview` (the inspector's `y`):
///   FINGERPRINT is ``ConfigurationFingerprint/combined`` and SETTINGS four hex digits per
///   setting of ``ConfigurationFingerprint/settings``, so a refusal can name what differs.
///
/// Both forms are read back; bv1 tokens keep working where they did.
public struct ResumeToken: Sendable, Hashable, Codable, LosslessStringConvertible {
    /// The next batch to return.
    public var address: BatchAddress
    /// The epoch at which iteration stops, if it stops.
    public var endEpoch: Int?
    /// The configuration the token belongs to (see ``DataSource/fingerprint(_:)``).
    public var fingerprint: UInt64
    /// The configuration's settings, one hash each, for bv2 tokens; `nil` for bv1.
    public var configuration: ConfigurationFingerprint?

    public init(address: BatchAddress, endEpoch: Int?, fingerprint: UInt64) {
        self.address = address
        self.endEpoch = endEpoch
        self.fingerprint = fingerprint
    }

    /// A bv2 token: `address` under `configuration`, whose settings it remembers.
    public init(address: BatchAddress, endEpoch: Int?, configuration: ConfigurationFingerprint) {
        self.init(address: address, endEpoch: endEpoch, fingerprint: configuration.combined)
        self.configuration = configuration
    }

    public var description: String {
        let common =
            "\(address.epoch):\(address.batch):\(endEpoch.map(String.init) ?? "-"):\(String(fingerprint, radix: 16))"
        guard let configuration else { return "bv1:" + common }
        return "bv2:\(common):\(configuration.hexText)"
    }

    /// Parses the text form; `nil` when it is malformed.
    public init?(_ description: String) {
        let parts = description.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5 && parts[0] == "bv1" || parts.count == 6 && parts[0] == "bv2",
            let epoch = Int(parts[1]), let batch = Int(parts[2]), let fingerprint = UInt64(parts[4], radix: 16)
        else { return nil }
        let end: Int?
        if parts[3] == "-" { end = nil } else if let value = Int(parts[3]) { end = value } else { return nil }
        self.init(address: BatchAddress(epoch: epoch, batch: batch), endEpoch: end, fingerprint: fingerprint)
        if parts.count == 6 {
            guard let hashes = ConfigurationFingerprint.settingHashes(fromHex: parts[5]) else { return nil }
            configuration = ConfigurationFingerprint(settingHashes: hashes, combined: fingerprint)
        }
    }

    /// Checks that the token belongs to `expected`, the configuration of the run resuming it.
    ///
    /// - Throws: ``BatchingError/invalidResumeToken(_:)`` naming the settings that differ (or,
    ///   for a bv1 token, saying it cannot name them).
    public func check(against expected: ConfigurationFingerprint) throws {
        guard fingerprint != expected.combined else { return }
        let advice = "give the options it was made with, or leave out --resume"
        guard let configuration else {
            throw BatchingError.invalidResumeToken(
                "it was made for another configuration, and a bv1 token cannot say which setting differs; \(advice)")
        }
        let differing = configuration.differences(from: expected)
        guard !differing.isEmpty else {
            throw BatchingError.invalidResumeToken("it was made for another configuration; \(advice)")
        }
        let named =
            differing.count == 1
            ? differing[0] : differing.dropLast().joined(separator: ", ") + " and " + differing.last!
        throw BatchingError.invalidResumeToken("it was made with another \(named) than this run's; \(advice)")
    }
}
