/// The order in which a pass visits its samples.
public enum SampleOrder: Sendable, Hashable {
    /// In index order, every pass the same.
    case sequential
    /// A fresh random permutation for every (epoch, pass), determined by the seed.
    case shuffled(seed: UInt64)

    /// The seed, when shuffled.
    public var seed: UInt64? {
        if case .shuffled(let seed) = self { return seed }
        return nil
    }
}
