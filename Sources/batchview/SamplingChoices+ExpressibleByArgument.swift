import ArgumentParser
import Batching

/// `--shuffle off|exact|chunks`.
extension ShuffleChoice: ExpressibleByArgument {}

/// `--sampler uniform|balanced|weights:DATASET`.
extension SamplerChoice: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    public static var allValueStrings: [String] { spellings }
}

/// `--shard RANK/WORLD`.
extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--resume TOKEN` (bv1 or bv2 text).
extension ResumeToken: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
