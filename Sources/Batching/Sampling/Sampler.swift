/// Decides which sample indices fill the positions of a pass over the data.
///
/// A sampler is addressable: the index at any position of any pass of any epoch is computed
/// directly, never by replaying the positions before it. The batch plan (``BatchPlan``) lays passes
/// end to end (BatchUp's `repeats`) and cuts them into batches.
///
/// Two kinds exist. *Pass samplers* (``StandardSampler``, ``SubsetSampler``) visit each of their
/// samples once per pass, in order or in a seeded permutation. *Drawing samplers*
/// (``WeightedSampler``, ``WeightedSubsetSampler``) draw with replacement, need a shuffled order,
/// and always fill whole batches.
public protocol Sampler: Sendable {
    /// The number of positions in one pass; for a drawing sampler, the draws that make one epoch,
    /// or `nil` when it draws endlessly (as BatchUp's weighted samplers do).
    var passLength: Int? { get }

    /// Whether the sampler draws with replacement (and so takes no `repeats` and no in-order
    /// iteration).
    var drawsWithReplacement: Bool { get }

    /// The number of samples in the data the indices refer to (one more than the largest index
    /// the sampler can return).
    var sampleCount: Int { get }

    /// The sample indices at `positions` of pass `pass` in `epoch`.
    ///
    /// - Throws: ``BatchingError/inOrderWithWeightedSampler`` when a drawing sampler is asked for
    ///   `.sequential` order.
    func indices(epoch: Int, pass: Int, positions: [Int], order: SampleOrder) throws -> [Int]

    /// Each sample's share of the draws the sampler aims for, summing to 1 (for class-balance
    /// displays); samples it never draws have 0.
    func targetProbabilities() -> [Double]

    /// A number that changes whenever the sampler would produce other indices; part of a
    /// resume token.
    var fingerprint: UInt64 { get }
}

extension Sampler {
    public var drawsWithReplacement: Bool { false }
}
