import Batching
import Testing

@testable import BatchViewCore

/// The meter's rates from the library's `StageTimes`: over busy time while stepping, over the
/// wall clock between batches while running.
@Suite struct ThroughputMeterTests {
    static func timing(_ samples: Int, read: Double, decode: Double, preprocess: Double, bytes: Int, at seconds: Double)
        -> BatchTiming
    {
        BatchTiming(
            samples: samples, stages: StageTimes(read: read, decode: decode, preprocess: preprocess, bytesRead: bytes),
            finishedAt: UInt64(seconds * 1e9))
    }

    @Test func steppingRatesAreSamplesOverBusyTime() {
        var meter = ThroughputMeter()
        meter.record(Self.timing(64, read: 0.006, decode: 0.003, preprocess: 0.001, bytes: 1_000_000, at: 1))
        meter.record(Self.timing(64, read: 0.002, decode: 0.003, preprocess: 0.005, bytes: 1_000_000, at: 9))
        let rates = meter.rates(running: false)
        // 128 samples and 2 MB in 0.020 s of work; read 8 ms, decode 6 ms, preprocess 6 ms.
        #expect(abs(rates.samplesPerSecond - 6400) < 1e-6)
        #expect(abs(rates.batchesPerSecond - 100) < 1e-9)
        #expect(abs(rates.bytesPerSecond - 1e8) < 1e-3)
        #expect(abs(rates.readShare - 0.4) < 1e-12)
        #expect(abs(rates.decodeShare - 0.3) < 1e-12)
        #expect(abs(rates.preprocessShare - 0.3) < 1e-12)
    }

    @Test func runningRatesUseTheWallClockBetweenBatches() {
        var meter = ThroughputMeter()
        for k in 0..<4 {
            meter.record(
                Self.timing(32, read: 0.001, decode: 0, preprocess: 0, bytes: 100, at: 2 + Double(k) * 0.5),
                running: true)
        }
        let rates = meter.rates(running: true)
        // Three batches of 32 between the first finish (2 s) and the last (3.5 s).
        #expect(abs(rates.samplesPerSecond - 64) < 1e-9)
        #expect(abs(rates.batchesPerSecond - 2) < 1e-9)
        #expect(meter.totalBatches == 4)
        #expect(meter.samplesPerSecondHistory.count == 4)
    }

    @Test func laterSlicesOfABatchAddNoSamples() {
        var meter = ThroughputMeter()
        meter.record(BatchTiming(samples: 0, stages: StageTimes(), finishedAt: 0))
        #expect(meter.rates(running: false).samplesPerSecond == 0)
    }
}
