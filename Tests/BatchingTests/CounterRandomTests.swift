import Testing

@testable import Batching

@Suite struct CounterRandomTests {
    @Test func equalKeysGiveEqualStreams() {
        var a = CounterRandom(seed: 7, purpose: .augmentation, epoch: 2, batch: 10, sample: 3)
        var b = CounterRandom(seed: 7, purpose: .augmentation, epoch: 2, batch: 10, sample: 3)
        #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
    }

    @Test func everyPartOfTheKeyChangesTheStream() {
        func first(_ r: CounterRandom) -> UInt64 {
            var r = r
            return r.next()
        }
        let base = first(CounterRandom(seed: 1, purpose: .shuffle, epoch: 0, batch: 0, sample: 0))
        #expect(first(CounterRandom(seed: 2, purpose: .shuffle)) != base)
        #expect(first(CounterRandom(seed: 1, purpose: .augmentation)) != base)
        #expect(first(CounterRandom(seed: 1, purpose: .shuffle, epoch: 1)) != base)
        #expect(first(CounterRandom(seed: 1, purpose: .shuffle, batch: 1)) != base)
        #expect(first(CounterRandom(seed: 1, purpose: .shuffle, sample: 1)) != base)
    }

    @Test func boundedIntegersAreUniform() {
        var random = CounterRandom(seed: 99, purpose: .shuffle)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[random.nextInt(below: 6)] += 1 }
        // 5 degrees of freedom; 20.5 is the 0.001 critical value.
        let chiSquare = counts.reduce(0.0) { $0 + pow2(Double($1) - 10_000) / 10_000 }
        #expect(chiSquare < 20.5)
        #expect((0..<1000).allSatisfy { _ in (0..<1).contains(random.nextInt(below: 1)) })
        let unit = (0..<1000).map { _ in random.nextUnitDouble() }
        #expect(unit.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    func pow2(_ x: Double) -> Double { x * x }
}
