import Testing

@testable import Batching

/// Ports of BatchUp 0.2.3's `test_CompositeDataSource*` (test_data_source.py).
@Suite struct CompositeDataSourcePortTests {
    typealias Data = BatchUpPortData
    // The GAN layout: 15 supervised samples repeated endlessly, 33 unsupervised ones read twice.
    let supX = Data.arange(15, 10)
    let supY = Data.arange(15, scale: 7)
    let unsupX = Data.arange(33, 10, scale: 1000)

    func gan(subset: Bool = false, trim: Bool = true, flatten: Bool = true) throws -> CompositeDataSource {
        let supIndices = subset ? [3, 14, 0, 9, 7, 1, 12, 5, 10, 2] : nil
        let unsupIndices = subset ? Array((0..<33).reversed().prefix(23)) : nil
        let sup = try ArrayDataSource([supX, supY], indices: supIndices, repeats: -1)
        let unsup = try ArrayDataSource([unsupX], indices: unsupIndices)
        return try CompositeDataSource([sup, unsup, unsup], trim: trim, flatten: flatten)
    }

    /// Checks a GAN batch's four columns against its members' indices.
    func expectColumnsFollowIndices(_ batch: Batch) {
        let parts = batch.parts
        #expect(parts.count == 4)
        #expect(parts[0].values == Data.rows(supX, batch.members[0].indices))
        #expect(parts[1].values == Data.rows(supY, batch.members[0].indices))
        #expect(parts[2].values == Data.rows(unsupX, batch.members[1].indices))
        #expect(parts[3].values == Data.rows(unsupX, batch.members[2].indices))
    }

    /// test_CompositeDataSource: 4 batches of 10, 10, 10, 3 in every column (the endless member
    /// trimmed too); each member's stream is its own sequence of permutations.
    @Test func ganLayoutShuffledTrimsEveryMember() throws {
        let batches = try Data.collect(try gan(), BatchOptions(batchSize: 10, order: .shuffled(seed: 12345)))
        #expect(batches.count == 4)
        for batch in batches { expectColumnsFollowIndices(batch) }
        #expect(batches.map(\.count) == [10, 10, 10, 3])
        #expect(batches[3].members.map(\.count) == [3, 3, 3])
        #expect(batches[3].columns.map(\.rowCount) == [3, 3, 3, 3])
        #expect(batches.reduce(0) { $0 + $1.count } == 33)
        let sup = batches.flatMap { $0.members[0].indices }
        let gen = batches.flatMap { $0.members[1].indices }
        let dis = batches.flatMap { $0.members[2].indices }
        #expect(sup.count == 33 && Data.isPermutationStream(sup, of: 15))
        #expect(Set(gen) == Set(0..<33) && Set(dis) == Set(0..<33))
        #expect(gen != dis, "the two unsupervised members are shuffled independently")
        // Structured (flatten=False): ((sup_x, sup_y), (gen_x,), (disc_x,)).
        let structured = try Data.collect(
            try gan(flatten: false), BatchOptions(batchSize: 10, order: .shuffled(seed: 12345)))
        #expect(structured.count == 4)
        for (flat, nested) in zip(batches, structured) {
            #expect(nested.parts.map { $0.group?.count } == [2, 1, 1])
            #expect(nested.parts[0].group?[1].values == flat.parts[1].values)
            #expect(nested.parts[2].group?[0].values == flat.parts[3].values)
        }
    }

    /// test_CompositeDataSource_in_order and _batch_indices_iterator_in_order: in order, the
    /// endless member cycles 0…14 and the index batches are trimmed like the batches.
    @Test func ganLayoutInOrder() throws {
        let batches = try Data.collect(try gan(), BatchOptions(batchSize: 10))
        let supOrder = Array(0..<15) + Array(0..<15) + Array(0..<15)
        #expect(batches.count == 4)
        for (k, batch) in batches.enumerated() {
            let range = (k * 10)..<min(k * 10 + 10, 33)
            #expect(
                batch.selection == .members([.rows(Array(supOrder[range])), .rows(Array(range)), .rows(Array(range))]))
            expectColumnsFollowIndices(batch)
        }
    }

    /// test_CompositeDataSource_no_trim: with trim off the endless member keeps its 10 rows.
    @Test func noTrimKeepsEveryMemberWhole() throws {
        let batches = try Data.collect(try gan(trim: false), BatchOptions(batchSize: 10, order: .shuffled(seed: 1)))
        #expect(batches.count == 4)
        #expect(batches[3].members.map(\.count) == [10, 3, 3])
        #expect(batches[3].columns.map(\.rowCount) == [10, 10, 3, 3])
        for batch in batches { expectColumnsFollowIndices(batch) }
    }

    /// Finite members of different lengths stop at the shortest and trim its last batch
    /// (BatchUp: `[[10,10,10],[10,10,10],[5,5,5]]`, from running BatchUp 0.2.3).
    @Test func stopAtShortestTrimsTheLastBatch() throws {
        let members: [any DataSource] = [
            try ArrayDataSource([Data.arange(25)]), try ArrayDataSource([Data.arange(25)]),
            try ArrayDataSource([Data.arange(40)]),
        ]
        let options = BatchOptions(batchSize: 10)
        let trimmed = try Data.collect(try CompositeDataSource(members, lengths: .stopAtShortest), options)
        #expect(trimmed.map { $0.members.map(\.count) } == [[10, 10, 10], [10, 10, 10], [5, 5, 5]])
        #expect(trimmed.map { $0.columns.map(\.rowCount) } == [[10, 10, 10], [10, 10, 10], [5, 5, 5]])
        let whole = try Data.collect(try CompositeDataSource(members, lengths: .stopAtShortest, trim: false), options)
        #expect(whole.map { $0.members.map(\.count) } == [[10, 10, 10], [10, 10, 10], [5, 5, 10]])
        #expect(throws: BatchingError.self) { try CompositeDataSource(members).batchCount(options) }
    }

    /// test_CompositeDataSource_flatten: one-level flattening keeps a nested structured
    /// composite as groups; `columns` flattens fully.
    @Test func flattenIsOneLevel() throws {
        let aX = Data.arange(15, 10)
        let aY = Data.arange(15, scale: 3)
        let bX = Data.arange(33, 10, scale: 100)
        let a = try ArrayDataSource([aX, aY], repeats: -1)
        let b = try ArrayDataSource([bX])
        let abFlat = try CompositeDataSource([a, b])
        let abStruct = try CompositeDataSource([a, b], flatten: false)
        let ababFlat = try CompositeDataSource([abFlat, abStruct])
        let ababStruct = try CompositeDataSource([abFlat, abStruct], flatten: false)
        let first = BatchAddress(epoch: 0, batch: 0)
        let options = BatchOptions(batchSize: 5)
        let ax = Data.rows(aX, 0..<5)
        let ay = Data.rows(aY, 0..<5)
        let bx = Data.rows(bX, 0..<5)

        // (a_x, a_y, b_x)
        #expect(try abFlat.batch(at: first, options).parts.map(\.values) == [ax, ay, bx])
        // ((a_x, a_y), (b_x,))
        let s = try abStruct.batch(at: first, options).parts
        #expect(s.map { $0.group?.map(\.values) } == [[ax, ay], [bx]])
        // (a_x, a_y, b_x, (a_x, a_y), (b_x,))
        let f = try ababFlat.batch(at: first, options).parts
        #expect(f.count == 5)
        #expect(f[0..<3].map(\.values) == [ax, ay, bx])
        #expect(f[3].group?.map(\.values) == [ax, ay] && f[4].group?.map(\.values) == [bx])
        // ((a_x, a_y, b_x), ((a_x, a_y), (b_x,)))
        let n = try ababStruct.batch(at: first, options)
        #expect(n.parts.count == 2)
        #expect(n.parts[0].group?.map(\.values) == [ax, ay, bx])
        #expect(n.parts[1].group?.map { $0.group?.map(\.values) } == [[ax, ay], [bx]])
        #expect(n.columns.map { $0.scalars(as: Int64.self) } == [ax, ay, bx, ax, ay, bx])
    }

    /// test_CompositeDataSource_random_access: each batch's index selection gathers the same
    /// batch again, mapped and unmapped being the same without subsets; a wrongly structured
    /// selection is an error.
    @Test func randomAccess() throws {
        let source = try gan()
        let options = BatchOptions(batchSize: 10, order: .shuffled(seed: 12345))
        for batch in try Data.collect(source, options) {
            for mapped in [true, false] {
                let again = try source.samples(at: batch.selection, mapped: mapped)
                #expect(again.parts.map(\.values) == batch.parts.map(\.values))
            }
        }
        #expect(source.isRandomAccess)
        #expect(throws: BatchingError.self) { try source.samples(at: .members([.rows([0, 1, 2])])) }
        #expect(throws: BatchingError.self) { try source.samples(at: .rows([0, 1, 2])) }
        #expect(throws: BatchingError.self) {
            try source.samples(at: .members([.rows([0]), .members([.rows([0])]), .rows([0])]))
        }
    }

    /// test_CompositeDataSource_random_access_subset: batches hold the subsets' rows; mapped
    /// selections count within each member's subset, unmapped ones are rows.
    @Test func randomAccessThroughSubsets() throws {
        let source = try gan(subset: true)
        let supSubset = [3, 14, 0, 9, 7, 1, 12, 5, 10, 2]
        let unsupSubset = Array((0..<33).reversed().prefix(23))
        let batches = try Data.collect(source, BatchOptions(batchSize: 10, order: .shuffled(seed: 12345)))
        #expect(batches.map(\.count) == [10, 10, 3])
        for batch in batches {
            #expect(batch.members[0].indices.allSatisfy(supSubset.contains))
            #expect(batch.members[1].indices.allSatisfy(unsupSubset.contains))
            // The index batch holds rows, so gathering it unmapped gives the batch back ...
            #expect(
                try source.samples(at: batch.selection, mapped: false).parts.map(\.values) == batch.parts.map(\.values))
            // ... and positions within the subsets, mapped, give it too.
            let positions = SampleSelection.members([
                .rows(batch.members[0].indices.map { supSubset.firstIndex(of: $0)! }),
                .rows(batch.members[1].indices.map { unsupSubset.firstIndex(of: $0)! }),
                .rows(batch.members[2].indices.map { unsupSubset.firstIndex(of: $0)! }),
            ])
            #expect(try source.samples(at: positions).parts.map(\.values) == batch.parts.map(\.values))
        }
        let mapped = try source.samples(at: .members([.rows([0, 1]), .rows([0, 1]), .rows([2, 3])]))
        #expect(mapped.parts[0].values == Data.rows(supX, [3, 14]))
        #expect(mapped.parts[3].values == Data.rows(unsupX, [30, 29]))
        #expect(mapped.selection == .members([.rows([3, 14]), .rows([32, 31]), .rows([30, 29])]))
        let unmapped = try source.samples(
            at: .members([.rows([0, 1]), .rows([0, 1]), .rows([2, 3])]), mapped: false)
        #expect(unmapped.parts[0].values == Data.rows(supX, [0, 1]))
        #expect(throws: BatchingError.self) { try source.samples(at: .members([.rows([10]), .rows([0]), .rows([0])])) }
    }

    /// test_length_of_batch and test_trim_batch: a structured batch counts its first part's rows
    /// (10 for ((X,), Y), 20 for (Y, X)), and trimming cuts every array at every depth. (BatchUp's
    /// lists, which are not trimmed and count their items, have no Swift counterpart.)
    @Test func lengthAndTrimOfStructuredBatches() throws {
        let x = Data.arange(10)
        let y = Data.arange(20)
        let address = BatchAddress(epoch: 0, batch: 0)
        let leaf = { (t: Tensor) in Batch(address: address, indices: [], columns: [t]) }
        let xFirst = Batch(
            address: address, indices: [], columns: [x, y], members: [leaf(x), leaf(y)], flattensMembers: false)
        let yFirst = Batch(address: address, indices: [], columns: [y, x], members: [leaf(y), leaf(x)])
        #expect(leaf(x).count == 10 && xFirst.count == 10 && yFirst.count == 20)
        // ((X, Y), X, Y) trimmed to 5: a structured pair beside two bare arrays.
        let pair = Batch(
            address: address, indices: [], columns: [x, y],
            members: [Batch(address: address, indices: [], columns: [x, y])], flattensMembers: false)
        let nested = Batch(address: address, indices: [], columns: [x, y, x, y], members: [pair, leaf(x), leaf(y)])
        #expect(nested.parts.map { $0.group?.count } == [2, nil, nil])
        let trimmed = nested.prefix(5)
        let five: [Int64] = [0, 1, 2, 3, 4]
        #expect(trimmed.columns.allSatisfy { $0.rowCount == 5 } && trimmed.count == 5)
        #expect(trimmed.parts[0].group?.map(\.values) == [five, five])
        #expect(trimmed.parts[1].values == five && trimmed.parts[2].values == five)
    }
}
