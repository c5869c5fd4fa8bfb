/// Walker's alias table (Vose's construction): draws an index with probability proportional to its
/// weight in O(1), after O(n) set-up.
///
/// A draw costs one bounded integer and one comparison whatever the number of weights, so a
/// sampler over 100 million weights draws as fast as one over ten.
struct _AliasTable: Sendable {
    /// The probability of keeping column `i` rather than taking its alias.
    let keep: [Double]
    /// The index a draw in column `i` goes to when it does not keep `i`.
    let alias: [UInt32]
    /// The weights normalised to sum to 1.
    let probabilities: [Double]

    /// - Throws: when a weight is negative or not finite, or all weights are zero.
    init(weights: [Double]) throws {
        var total = 0.0
        for (index, weight) in weights.enumerated() {
            guard weight.isFinite, weight >= 0 else { throw BatchingError.invalidWeight(index: index, value: weight) }
            total += weight
        }
        guard total > 0 else { throw BatchingError.weightsSumToZero }
        precondition(weights.count <= Int(UInt32.max), "more than 2^32 weights")
        let n = weights.count
        probabilities = weights.map { $0 / total }
        var scaled = probabilities.map { $0 * Double(n) }
        var keep = [Double](repeating: 1, count: n)
        var alias = (0..<n).map { UInt32(truncatingIfNeeded: $0) }
        var small = [Int]()
        var large = [Int]()
        small.reserveCapacity(n)
        large.reserveCapacity(n)
        for (index, value) in scaled.enumerated() {
            if value < 1 { small.append(index) } else { large.append(index) }
        }
        while let s = small.popLast(), let l = large.last {
            keep[s] = scaled[s]
            alias[s] = UInt32(truncatingIfNeeded: l)
            scaled[l] = (scaled[l] + scaled[s]) - 1
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Whatever is left holds probability 1 up to rounding.
        for index in small + large { keep[index] = 1 }
        self.keep = keep
        self.alias = alias
    }

    var count: Int { keep.count }

    /// One draw from `random`.
    func draw(using random: inout CounterRandom) -> Int {
        let column = random.nextInt(below: keep.count)
        return random.nextUnitDouble() < keep[column] ? column : Int(alias[column])
    }
}
