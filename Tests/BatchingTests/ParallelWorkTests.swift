import Synchronization
import Testing

@testable import Batching

@Suite("ParallelWork")
struct ParallelWorkTests {
    @Test func runsEveryPieceExactlyOnce() throws {
        let counts = Mutex([Int](repeating: 0, count: 1000))
        try ParallelWork(width: 4).run(count: 1000) { i in counts.withLock { $0[i] += 1 } }
        #expect(counts.withLock { $0 } == [Int](repeating: 1, count: 1000))
    }

    @Test func rethrowsAPiecesError() {
        struct Boom: Error, Equatable { let piece: Int }
        #expect(throws: Boom(piece: 13)) {
            try ParallelWork(width: 2).run(count: 100) { i in if i == 13 { throw Boom(piece: 13) } }
        }
    }

    @Test func widthIsAtLeastOne() {
        #expect(ParallelWork(width: 0).width == 1)
        #expect(ParallelWork().width >= 1)
    }
}
