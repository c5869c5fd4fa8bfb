import Foundation
import Synchronization
import Testing

@testable import Batching

/// A memory probe whose readings the test sets.
final class FakeMemoryProbe: MemoryProbe {
    let values = Mutex<(resident: Int, peak: Int, heap: Int?)>((0, 0, nil))
    func resident() -> (now: Int, peak: Int) { values.withLock { ($0.resident, $0.peak) } }
    func heapInUse() -> Int? { values.withLock { $0.heap } }
}

@Suite struct StatsArithmeticTests {
    @Test func ratesStageTimesAndHistoryOnAFakeClock() {
        let clock = ManualPipelineClock(start: 100)
        let memory = FakeMemoryProbe()
        let stats = PipelineStatsRecorder(
            clock: clock, memory: memory, rateWindow: 4, historyInterval: 0.5,
            historyLength: 3, memoryInterval: 0)
        stats.start()
        for i in 0..<10 {
            clock.advance(by: 0.1)
            memory.values.withLock { $0 = (resident: 1_000_000 + i * 1000, peak: 2_000_000, heap: 5000 + i * 100) }
            stats.record(
                samples: 100,
                times: StageTimes(
                    read: 0.02, decode: 0.03, preprocess: 0.05,
                    bytesRead: 50_000, bytesDecoded: 80_000))
        }
        stats.heldBytesProvider = { 4096 }
        stats.cacheBytesProvider = { 1 << 20 }
        let s = stats.snapshot()
        #expect(s.batches == 10 && s.samples == 1000)
        #expect(abs(s.elapsed - 1.0) < 1e-9)
        #expect(abs(s.samplesPerSecond - 1000) < 1e-6) // 100 samples every 0.1 s
        #expect(abs(s.batchesPerSecond - 10) < 1e-6)
        #expect(abs(s.readMBPerSecond - 0.5) < 1e-9) // 50 kB every 0.1 s
        #expect(abs(s.decodedMBPerSecond - 0.8) < 1e-9)
        #expect(abs(s.averageSamplesPerSecond - 1000) < 1e-6)
        #expect(s.residentBytes == 1_009_000 && s.peakResidentBytes == 2_000_000)
        #expect(s.heapInUseBytes == 5900 && s.heapChangeOverLastBatch == 100)
        #expect(s.bufferedBytes == 4096 && s.cacheBytes == 1 << 20)
        #expect(abs(s.meanStageTimes.decode - 0.03) < 1e-12 && s.meanStageTimes.bytesRead == 50_000)
        #expect(s.lastStageTimes.preprocess == 0.05)
        // A history point every 0.5 s: two points of 1000 samples/s.
        #expect(s.history.samplesPerSecond.count == 2)
        for value in s.history.samplesPerSecond { #expect(abs(value - 1000) < 1e-6) }
        for value in s.history.preprocessMilliseconds { #expect(abs(value - 50) < 1e-9) }
    }

    @Test func recentRatesFollowASlowdown() {
        let clock = ManualPipelineClock()
        let stats = PipelineStatsRecorder(
            clock: clock, memory: FakeMemoryProbe(), rateWindow: 2, historyInterval: 1,
            historyLength: 2, memoryInterval: 0)
        stats.start()
        for _ in 0..<5 {
            clock.advance(by: 0.1)
            stats.record(samples: 10, times: StageTimes())
        }
        for _ in 0..<5 {
            clock.advance(by: 1.0)
            stats.record(samples: 10, times: StageTimes())
        }
        let s = stats.snapshot()
        #expect(abs(s.samplesPerSecond - 10) < 1e-9) // the last two batches: 10 per second
        #expect(abs(s.averageSamplesPerSecond - 100 / 5.5) < 1e-9)
        #expect(s.history.samplesPerSecond.count == 2) // capacity 2 keeps the newest points
        #expect(abs(s.history.samplesPerSecond.last! - 10) < 1e-9)
    }

    @Test func historyRingKeepsTheNewestValuesInOrder() {
        var history = StatsHistory(capacity: 3)
        for value in 1...5 { history.append(Double(value)) }
        #expect(history.values == [3, 4, 5] && history.last == 5)
    }

    @Test func theRealProbeReadsThisProcess() {
        let probe = ProcessMemoryProbe()
        let (now, peak) = probe.resident()
        #expect(now > 1 << 20 && peak >= now)
        let parts = probe.residentParts()
        #expect(parts.anonymous > 0 && parts.file > 0 && abs(parts.anonymous + parts.file - now) < now / 2)
        let before = probe.heapInUse()
        let block = UnsafeMutableRawPointer.allocate(byteCount: 8 << 20, alignment: 64)
        let after = probe.heapInUse()
        block.deallocate()
        // A sanitizer's allocator is invisible to glibc's mallinfo2.
        let sanitized =
            dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil
            || dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
        if let before, let after, !sanitized { #expect(after - before >= 8 << 20) }
    }
}
