import Foundation
import Synchronization
import Testing

@testable import Batching

/// Ports of BatchUp 0.2.3's test_work_pool.py: the thread work stream, and the parallel data
/// source (``DataSource/prefetchedBatches``) with its error and index-mapping checks. The
/// process-pool twins cannot apply: batchview's workers are threads (Python callables run in
/// worker processes through the `python:` preprocessor instead).
@Suite struct WorkPoolPortTests {
    /// test_thread_work_stream: 50 tasks (i, i, i) summed on 5 threads come back in order,
    /// all 5 threads take part, and one more retrieve gives nothing.
    @Test func workStreamKeepsTaskOrderOnEveryThread() throws {
        let stream = OrderedWorkStream(tasks: (0..<50).map { ($0, $0, $0) }, workers: 5) { task in
            Thread.sleep(forTimeInterval: 0.01)
            return (task.0 + task.1 + task.2, pthread_self())
        }
        var threads = Set<UInt>()
        for i in 0..<50 {
            let (value, thread) = try #require(try stream.next())
            #expect(value == i * 3)
            threads.insert(UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(bitPattern: UInt(thread)))))
        }
        #expect(threads.count == 5)
        #expect(try stream.next() == nil)
    }

    /// A failing task reaches the consumer at its place, carrying the task; the results before
    /// it arrive first.
    @Test func workStreamErrorsCarryTheTask() throws {
        struct Odd: Error {}
        for workers in [0, 1, 3] {
            let stream = OrderedWorkStream(tasks: [2, 4, 7, 8], workers: workers) { n in
                if n % 2 == 1 { throw Odd() }
                return n / 2
            }
            #expect(try stream.next() == 1)
            #expect(try stream.next() == 2)
            let error = #expect(throws: WorkStreamError<Int>.self) { try stream.next() }
            #expect(error?.task == 7 && error?.underlying is Odd)
            #expect(try stream.next() == nil)
        }
    }

    /// Tasks are read lazily, at most `buffer + workers` ahead: an endless task sequence works.
    @Test func workStreamReadsTasksLazily() throws {
        let pulled = Mutex(0)
        let tasks = (0...).lazy.map { i -> Int in
            pulled.withLock { $0 = max($0, i + 1) }
            return i
        }
        let stream = OrderedWorkStream(tasks: tasks, workers: 2, buffer: 3) { $0 * 10 }
        for i in 0..<10 { #expect(try stream.next() == i * 10) }
        stream.close()
        #expect(pulled.withLock { $0 } <= 10 + 3 + 2 + 1)
    }

    /// test_thread_parallel_data_source: identity and square columns, shuffled batches of 10 on 5
    /// workers: every number and every square exactly once.
    @Test func parallelDataSourceCoversEverySample() throws {
        let source = try ArrayDataSource([
            Tensor((0..<100).map(Int64.init)), Tensor((0..<100).map { Int64($0 * $0) }),
        ])
        let batches = try source.prefetchedBatches(
            BatchOptions(batchSize: 10, order: .shuffled(seed: 12345)), workers: 5, buffer: 20)
        var numbers = [Int64]()
        var squares = [Int64]()
        while let batch = try batches.next() {
            #expect(batch.raw.columns.count == 2 && batch.raw.columns.allSatisfy { $0.rowCount == 10 })
            numbers += batch.raw.columns[0].scalars(as: Int64.self)
            squares += batch.raw.columns[1].scalars(as: Int64.self)
        }
        #expect(numbers.sorted() == (0..<100).map(Int64.init))
        #expect(squares.sorted() == (0..<100).map { Int64($0 * $0) })
    }

    /// test_thread_parallel_data_source (errors): a column that throws reaches the consumer.
    @Test func parallelDataSourcePassesErrorsBack() throws {
        struct Broken: BatchColumn {
            struct Failure: Error {}
            var rowCount: Int { 100 }
            var dtype: DType { .int64 }
            var rowShape: [Int] { [] }
            func gatherRows(_ indices: [Int]) throws -> Tensor { throw Failure() }
        }
        let batches = try ArrayDataSource([Broken()]).prefetchedBatches(
            BatchOptions(batchSize: 10, order: .shuffled(seed: 12345)), workers: 5, buffer: 20)
        #expect(throws: PipelineError.self) { try batches.next() }
    }

    /// test_thread_parallel_data_source_with_index_mapping: two halves of a random permutation
    /// as subsets; the first half's rows are all 0, the second's all 1.
    @Test func parallelDataSourceMapsThroughSubsets() throws {
        var random = CounterRandom(seed: 12345, purpose: .shuffle)
        var permutation = Array(0..<100)
        for i in stride(from: 99, to: 0, by: -1) { permutation.swapAt(i, random.nextInt(below: i + 1)) }
        var x = [Int64](repeating: 0, count: 100)
        for i in permutation[50...] { x[i] = 1 }
        for (half, expected) in [(Array(permutation[..<50]), Int64(0)), (Array(permutation[50...]), 1)] {
            let source = try ArrayDataSource([Tensor(x)], indices: half)
            let batches = try source.prefetchedBatches(
                BatchOptions(batchSize: 10, order: .shuffled(seed: 12345)), workers: 5, buffer: 20)
            var count = 0
            while let batch = try batches.next() {
                #expect(batch.raw.columns[0].scalars(as: Int64.self).allSatisfy { $0 == expected })
                count += batch.raw.count
            }
            #expect(count == 50)
        }
    }
}
