import Testing

@testable import Batching

@Suite struct BatchingErrorTests {
    /// Every error reads as a sentence that says what is wrong and names the numbers involved.
    @Test(arguments: [
        (BatchingError.inconsistentLengths([100, 90]), "column 0 has 100, column 1 has 90"),
        (.invalidRepeats(0), "repeats must be a whole number ≥ 1, or -1"),
        (.invalidRepeats(-3), "not -3"),
        (.samplerWithRepeats(2), "repeats must be 1 when a sampler is given, not 2"),
        (.samplerWithIndices, "use a subset sampler"),
        (.weightsSumToZero, "add up to 0"),
        (.invalidWeight(index: 4, value: -1), "sampling weight 4 is -1.0"),
        (.invalidWeight(index: 2, value: .nan), "sampling weight 2 is nan"),
        (.inOrderWithWeightedSampler, "cannot iterate in order; turn shuffling on"),
        (.invalidBatchSize(0), "the batch size must be at least 1, not 0"),
        (.invalidBatchSize(-5), "not -5"),
        (
            .indexOutOfRange(index: 12, count: 10),
            "sample index 12 is outside the data, which has 10 samples (valid: 0…9)"
        ),
        (.compositeLengthsDiffer([3, nil, 5]), "member 0: 3, member 1: endless, member 2: 5"),
        (.invalidShard(rank: 5, worldSize: 4), "shard 5/4 is impossible"),
        (.subWeightsMismatch(weights: 2, indices: 3), "has 2 weights for 3 indices"),
        (
            .addressOutOfRange(epoch: 1, batch: 9, batchCount: 4),
            "there is no batch 9 in epoch 1; an epoch has 4 batches"
        ),
        (.invalidResumeToken("it was made for another data source"), "the resume token cannot be used"),
    ])
    func errorTextsNameTheProblem(error: BatchingError, expected: String) {
        #expect(error.description.contains(expected), "\(error.description)")
    }
}
