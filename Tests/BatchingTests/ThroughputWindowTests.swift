import Testing

@testable import Batching

/// The one rate computation, on made-up times (seconds on a fake clock): rates over the wall
/// clock between marks, and over the time the marked batches' stages took.
@Suite struct ThroughputWindowTests {
    @Test func elapsedRatesCountWhatCameAfterTheOldestMark() {
        var window = ThroughputWindow(capacity: 4)
        window.start(at: 10)
        window.record(samples: 100, stages: StageTimes(bytesRead: 1000, bytesDecoded: 3000), at: 10.5)
        window.record(samples: 50, stages: StageTimes(bytesRead: 500, bytesDecoded: 1500), at: 11)
        let rates = window.elapsedRates
        // 150 samples, 2 batches, 1500 bytes read and 4500 decoded in the 1 s after the start.
        #expect(abs(rates.samplesPerSecond - 150) < 1e-9)
        #expect(abs(rates.batchesPerSecond - 2) < 1e-9)
        #expect(abs(rates.bytesReadPerSecond - 1500) < 1e-9)
        #expect(abs(rates.bytesDecodedPerSecond - 4500) < 1e-9)
        #expect(window.span == 1)
    }

    @Test func aFullWindowForgetsTheOldestMarks() {
        var window = ThroughputWindow(capacity: 3)
        window.start(at: 0)
        // Ten fast batches (0.1 s each), then two slow ones (1 s each).
        for k in 1...10 { window.record(samples: 10, stages: StageTimes(), at: Double(k) * 0.1) }
        window.record(samples: 10, stages: StageTimes(), at: 2)
        window.record(samples: 10, stages: StageTimes(), at: 3)
        #expect(window.count == 3)
        // Marks at 1, 2 and 3 s: the two slow batches, 10 samples a second.
        #expect(abs(window.span - 2) < 1e-12)
        #expect(abs(window.elapsedRates.samplesPerSecond - 10) < 1e-9)
        #expect(abs(window.elapsedRates.batchesPerSecond - 1) < 1e-9)
    }

    @Test func busyRatesCountEveryMarkedBatchOverItsStageTime() {
        var window = ThroughputWindow(capacity: 2)
        window.record(samples: 64, stages: StageTimes(read: 0.5, decode: 0.3, preprocess: 0.2, bytesRead: 10), at: 1)
        window.record(samples: 64, stages: StageTimes(read: 0.5, decode: 0.3, preprocess: 0.2, bytesRead: 10), at: 100)
        window.record(samples: 32, stages: StageTimes(read: 0.2, decode: 0.1, preprocess: 0.7, bytesRead: 30), at: 200)
        // The last two batches: 96 samples and 40 bytes in 2 s of work, whatever the pauses.
        let busy = window.busyRates
        #expect(abs(busy.samplesPerSecond - 48) < 1e-9)
        #expect(abs(busy.batchesPerSecond - 1) < 1e-9)
        #expect(abs(busy.bytesReadPerSecond - 20) < 1e-9)
        #expect(abs(busy.readShare - 0.35) < 1e-12)
        #expect(abs(busy.decodeShare - 0.2) < 1e-12)
        #expect(abs(busy.preprocessShare - 0.45) < 1e-12)
    }

    @Test func negativeStageTimesCountAsNothing() {
        var window = ThroughputWindow(capacity: 4)
        window.record(samples: 10, stages: StageTimes(read: -1, decode: 0.5), at: 1)
        #expect(abs(window.busyRates.samplesPerSecond - 20) < 1e-9)
        #expect(window.busyRates.decodeShare == 1)
    }

    @Test func aWindowWithoutTimeHasNoRates() {
        var window = ThroughputWindow(capacity: 4)
        #expect(window.elapsedRates == ThroughputWindow.Rates.zero)
        #expect(window.busyRates == ThroughputWindow.Rates.zero)
        window.record(samples: 10, stages: StageTimes(), at: 5)
        window.record(samples: 10, stages: StageTimes(), at: 5)
        #expect(window.elapsedRates == ThroughputWindow.Rates.zero) // no time between the marks
        #expect(window.busyRates == ThroughputWindow.Rates.zero) // no stage time either
    }
}
