/// The configuration a ``ResumeToken`` was made under, as one short hash per setting, so that a
/// token from another configuration can be refused with a sentence naming the settings that
/// differ ("it was made with another --seed and --batch-size").
///
/// ```swift
/// let spec = SamplingSpec(shuffle: .exact, seed: 7)
/// let made = ConfigurationFingerprint(spec, batchSize: 32, sampleCount: 1000)
/// let now = ConfigurationFingerprint(SamplingSpec(shuffle: .exact, seed: 8), batchSize: 32, sampleCount: 1000)
/// made.differences(from: now)   // ["--seed"]
/// ```
public struct ConfigurationFingerprint: Sendable, Hashable, Codable {
    /// The settings, in the order of ``settingHashes``, named as on the command line.
    public static let settings = [
        "sample count", "--batch-size", "--sampler", "--shuffle", "--seed", "--subset", "--shard",
        "--repeats", "--drop-last",
    ]

    /// One 16-bit hash per entry of ``settings``: enough to name what differs; the token's
    /// 64-bit fingerprint decides whether it may be used.
    public var settingHashes: [UInt16]
    /// The hash of every setting in full (the resume token's fingerprint).
    public var combined: UInt64

    /// The fingerprint of batches of `batchSize` chosen by `spec` from `sampleCount` samples.
    public init(_ spec: SamplingSpec, batchSize: Int, sampleCount: Int) {
        func text(_ value: String) -> UInt64 { _fingerprint(value, []) }
        let values: [UInt64] = [
            UInt64(sampleCount), UInt64(batchSize), text(spec.sampler.description),
            _fingerprint(spec.shuffle.rawValue, UInt64(spec.windowChunks)), spec.seed,
            spec.subset.map { _fingerprint("subset", UInt64($0.lowerBound), UInt64($0.upperBound)) } ?? 0,
            _fingerprint("shard", UInt64(spec.shard.rank), UInt64(spec.shard.worldSize)),
            UInt64(bitPattern: Int64(spec.repeats)), spec.dropLast ? 1 : 0,
        ]
        self.init(
            settingHashes: values.enumerated().map {
                UInt16(truncatingIfNeeded: _fingerprint("setting", UInt64($0), $1))
            },
            combined: _fingerprint("configuration", values))
    }

    /// A fingerprint read back from a token's text.
    init(settingHashes: [UInt16], combined: UInt64) {
        self.settingHashes = settingHashes
        self.combined = combined
    }

    /// The names (from ``settings``) of the settings whose hashes differ from `other`'s.
    public func differences(from other: ConfigurationFingerprint) -> [String] {
        zip(Self.settings, zip(settingHashes, other.settingHashes)).filter { $1.0 != $1.1 }.map(\.0)
    }

    /// The setting hashes as hexadecimal text, four digits each, in the order of ``settings``.
    var hexText: String {
        settingHashes.map { hash in
            let digits = String(hash, radix: 16)
            return String(repeating: "0", count: 4 - digits.count) + digits
        }.joined()
    }

    /// The setting hashes read from ``hexText``; `nil` unless there are four hex digits per setting.
    static func settingHashes(fromHex text: Substring) -> [UInt16]? {
        guard text.count == 4 * settings.count else { return nil }
        var hashes = [UInt16]()
        var rest = text
        while !rest.isEmpty {
            guard let value = UInt16(rest.prefix(4), radix: 16) else { return nil }
            hashes.append(value)
            rest = rest.dropFirst(4)
        }
        return hashes
    }
}
