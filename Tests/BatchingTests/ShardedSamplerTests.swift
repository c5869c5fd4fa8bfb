import Testing

@testable import Batching

@Suite struct ShardedSamplerTests {
    func shardIndices(count: Int, rank: Int, world: Int, dropLast: Bool = false, order: SampleOrder = .sequential)
        throws -> [Int]
    {
        let shard = try ShardedSampler(
            base: StandardSampler(count: count), rank: rank, worldSize: world, dropLast: dropLast)
        return try shard.indices(epoch: 0, pass: 0, positions: Array(0..<shard.passLength!), order: order)
    }

    @Test func padsLikeDistributedSampler() throws {
        // PyTorch: 10 samples over 4 ranks pad to 12 by repeating the head, then take [rank::4].
        #expect(try shardIndices(count: 10, rank: 0, world: 4) == [0, 4, 8])
        #expect(try shardIndices(count: 10, rank: 1, world: 4) == [1, 5, 9])
        #expect(try shardIndices(count: 10, rank: 2, world: 4) == [2, 6, 0])
        #expect(try shardIndices(count: 10, rank: 3, world: 4) == [3, 7, 1])
        // Padding longer than the data repeats it as often as needed.
        #expect(try shardIndices(count: 2, rank: 4, world: 5) == [0])
    }

    @Test func dropLastDropsTheTail() throws {
        #expect(try shardIndices(count: 10, rank: 2, world: 4, dropLast: true) == [2, 6])
        #expect(try shardIndices(count: 10, rank: 3, world: 4, dropLast: true) == [3, 7])
    }

    @Test func shuffledShardsAreDisjointAndCoverThePass() throws {
        for (count, world) in [(100, 4), (101, 3), (7, 7), (1000, 8)] {
            var all = [Int]()
            for rank in 0..<world {
                all += try shardIndices(
                    count: count, rank: rank, world: world, dropLast: true, order: .shuffled(seed: 11))
            }
            #expect(all.count == count / world * world)
            #expect(Set(all).count == all.count, "disjoint")
            var padded = [Int]()
            for rank in 0..<world {
                padded += try shardIndices(count: count, rank: rank, world: world, order: .shuffled(seed: 11))
            }
            #expect(Set(padded) == Set(0..<count), "covering")
            #expect(padded.count == (count + world - 1) / world * world)
        }
    }

    @Test func impossibleShardsAreRefused() {
        #expect(throws: BatchingError.invalidShard(rank: 4, worldSize: 4)) {
            try ShardedSampler(base: StandardSampler(count: 3), rank: 4, worldSize: 4)
        }
        #expect(throws: BatchingError.invalidShard(rank: 0, worldSize: 0)) {
            try ShardedSampler(base: StandardSampler(count: 3), rank: 0, worldSize: 0)
        }
    }

    @Test func environmentGivesRankAndWorldSize() throws {
        #expect(try ShardedSampler.rankAndWorldSizeFromEnvironment([:]) == (0, 1))
        #expect(try ShardedSampler.rankAndWorldSizeFromEnvironment(["RANK": "3", "WORLD_SIZE": "8"]) == (3, 8))
        #expect(throws: BatchingError.self) { try ShardedSampler.rankAndWorldSizeFromEnvironment(["RANK": "x"]) }
        // A rank without a world size is a mistake to name, not shard "1/1 is impossible".
        #expect(
            throws: BatchingError.invalidArgument(
                "the environment variable RANK is 1 but WORLD_SIZE is not set; set both (as torchrun does), or give --shard RANK/WORLD"
            )
        ) { try ShardedSampler.rankAndWorldSizeFromEnvironment(["RANK": "1"]) }
        #expect(try ShardedSampler.rankAndWorldSizeFromEnvironment(["RANK": "0"]) == (0, 1))
    }
}
