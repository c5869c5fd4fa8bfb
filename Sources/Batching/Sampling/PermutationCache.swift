import Synchronization

/// Keeps the few most recent pass permutations, so that every batch of a pass costs
/// O(batch size) after the pass's one O(n) shuffle.
///
/// Shared by copies of a sampler and safe to use from any thread. Each sampler keeps its own
/// cache, so the key need only tell apart the passes of one sampler.
final class _PermutationCache: Sendable {
    private struct Key: Hashable {
        var seed: UInt64
        var epoch: Int
        var pass: Int
        var count: Int
    }

    private let entries = Mutex<[(key: Key, permutation: [UInt32])]>([])
    private let capacity: Int

    init(capacity: Int = 3) { self.capacity = capacity }

    /// The uniform permutation of `0..<count` for (seed, epoch, pass), computed on first use.
    func permutation(seed: UInt64, epoch: Int, pass: Int, count: Int) -> [UInt32] {
        permutation(seed: seed, epoch: epoch, pass: pass, count: count) {
            Self.shuffledIndices(count: count, seed: seed, epoch: epoch, pass: pass)
        }
    }

    /// The visiting order of (seed, epoch, pass) that `make` computes (a sampler's own kind of
    /// permutation of its `count` samples), computed on first use.
    func permutation(seed: UInt64, epoch: Int, pass: Int, count: Int, make: () -> [UInt32]) -> [UInt32] {
        let key = Key(seed: seed, epoch: epoch, pass: pass, count: count)
        if let hit = entries.withLock({ list in list.first { $0.key == key }?.permutation }) {
            return hit
        }
        let fresh = make()
        entries.withLock { list in
            list.removeAll { $0.key == key }
            list.insert((key, fresh), at: 0)
            if list.count > capacity { list.removeLast(list.count - capacity) }
        }
        return fresh
    }

    /// A Fisher–Yates permutation of `0..<count` driven by the counter-based generator.
    static func shuffledIndices(count: Int, seed: UInt64, epoch: Int, pass: Int) -> [UInt32] {
        precondition(count <= Int(UInt32.max), "more than 2^32 samples in one pass")
        var permutation = (0..<count).map { UInt32(truncatingIfNeeded: $0) }
        var random = CounterRandom(seed: seed, purpose: .shuffle, epoch: epoch, batch: pass)
        permutation.withUnsafeMutableBufferPointer { p in
            var i = count - 1
            while i > 0 {
                let j = random.nextInt(below: i + 1)
                p.swapAt(i, j)
                i -= 1
            }
        }
        return permutation
    }
}
