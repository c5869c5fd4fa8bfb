/// What a random stream is used for; part of every ``CounterRandom`` key, so that streams for
/// different purposes never coincide.
public enum RandomPurpose: UInt64, Sendable {
    case shuffle = 1
    case weightedDraw = 2
    case augmentation = 3
    case shardShuffle = 4
    case composite = 5
    case choice = 6
}

/// A counter-based random number generator: the stream is a pure function of its key.
///
/// The key is (seed, purpose, epoch, batch, sample); equal keys give equal streams however and in
/// whatever order they are reached. That is what lets a batch be recomputed from its address, lets
/// the inspector step back to the very same augmented batch, and keeps results independent of the
/// number of workers. The mixing is SplitMix64's finaliser, applied to a Weyl sequence started at
/// the hashed key.
///
/// ```swift
/// var a = CounterRandom(seed: 7, purpose: .augmentation, epoch: 2, batch: 10, sample: 3)
/// var b = CounterRandom(seed: 7, purpose: .augmentation, epoch: 2, batch: 10, sample: 3)
/// assert(a.next() == b.next())
/// ```
public struct CounterRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose stream is determined by the key.
    public init(seed: UInt64, purpose: RandomPurpose, epoch: Int = 0, batch: Int = 0, sample: Int = 0) {
        var h = Self.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        h = Self.mix(h ^ (purpose.rawValue &* 0xD1B5_4A32_D192_ED03))
        h = Self.mix(h ^ (UInt64(bitPattern: Int64(epoch)) &* 0xAEF1_7502_108E_F2D9))
        h = Self.mix(h ^ (UInt64(bitPattern: Int64(batch)) &* 0x9E6C_63D0_676A_9A99))
        h = Self.mix(h ^ (UInt64(bitPattern: Int64(sample)) &* 0xC2B2_AE3D_27D4_EB4F))
        state = h
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniformly distributed integer in `0..<bound`, without modulo bias (Lemire's method).
    ///
    /// Spelled out here rather than taken from the standard library so that streams stay the same
    /// across Swift versions.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "the bound of a random integer must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A uniformly distributed double in `[0, 1)` with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniformly distributed float in `[0, 1)` with 24 random bits.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// A fair coin.
    public mutating func nextBool() -> Bool { next() >> 63 == 1 }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
