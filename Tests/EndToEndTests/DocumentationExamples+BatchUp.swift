// swift-format-ignore-file
// (the example below is copied word for word from docs/batchup.md)
import Batching

extension DocumentationExamples {
    // MARK: docs/batchup.md — a BatchUp loop, ported

    static func ganLayout(supX: Tensor, supY: Tensor, unsupX: Tensor) throws -> (CompositeDataSource, Batch) {
// example: docs/batchup.md
let supervised = try ArrayDataSource([supX, supY], repeats: -1)
let unsupervised = try ArrayDataSource([unsupX])
let gan = try CompositeDataSource([supervised, unsupervised, unsupervised])
var batches = try gan.batches(BatchOptions(batchSize: 10, order: .shuffled(seed: 12345)))
while let batch = try batches.next() {
    let (x, y, generatorX, discriminatorX) = (batch.columns[0], batch.columns[1], batch.columns[2], batch.columns[3])
    _ = (x, y, generatorX, discriminatorX)   // train on them
}
let picked = try gan.samples(at: .members([.rows([0, 1]), .rows([5, 6]), .rows([7, 8])]))  // samples_by_indices
        return (gan, picked)
    }
}
