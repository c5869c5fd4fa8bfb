import Batching
import Testing

@testable import BatchViewCore

/// `w`: the prefetch pipeline's waits while `r` runs it; a fixed reading drawn at 80×24, the
/// live reading of a run, what a paused run keeps, and what `w` says before any run.
@Suite struct StageWaitsViewTests {
    /// Two workers over 2 s: worker 1 busy 1.2 s and blocked 0.7 s, worker 2 busy 1.0 s and
    /// blocked 0.9 s; the consumer waited 0.1 s and took 40 batches finding 160 ready in all.
    static let reading = StageWaitsReading(
        waits: StageWaits(
            elapsed: 2,
            workers: [
                .init(busy: 1.2, waitingForInput: 0.02, blockedOnOutput: 0.7, batches: 21),
                .init(busy: 1.0, waitingForInput: 0.02, blockedOnOutput: 0.9, batches: 19),
            ], consumer: .init(waitingForInput: 0.1, batches: 40), queueDepthSum: 160, queueDepthNow: 5,
            queueCapacity: 6),
        stages: StageTimes(read: 1.4, decode: 0.2, preprocess: 0.6), running: true)

    @Test func drawsEachWorkerEachStageAndWhichSideSetsThePace() throws {
        let session = try FixtureData.session(FixtureData.rgb())
        session.lastStageWaits = Self.reading
        session.handle(.character("w"))
        #expect(session.state.overlay == .view(OverlayID(StageWaitsView.self)))
        let frame = session.render(width: 80, height: 24).text
        assertSnapshot(frame, named: "overlay-stage-waits-80x24")
        // Shares of the 2 s window: 1.2/2, 0.7/2; stages over both workers' 4 s: 1.4/4, 0.6/4;
        // preprocessing's blocked share is the workers' mean, (0.7 + 0.9)/2/2.
        #expect(frame.contains("worker 1     60%          1%          35%       21"))
        #expect(frame.contains("read         35%          1%            –"))
        #expect(frame.contains("preprocess   15%           –          40%"))
        #expect(frame.contains("hand-off       –          5%            –"))
        #expect(frame.contains("queue      4.0 of 6 ready on average · 5 now"))
        #expect(frame.contains("the workers are blocked 40% on a full buffer: the consumer sets the pace"))
        let small = session.render(width: 48, height: 14).text
        #expect(small.contains("columns cut: this view needs 50 columns"))
        #expect(small.contains("more line(s) need 14 rows for this view"))
    }

    @Test func aConsumerThatWaitsNamesTheWorkersLargestStage() {
        var reading = Self.reading
        reading.waits.consumer.waitingForInput = 1.0
        let line = StageWaitsView.verdict(consumerWait: 0.5, blocked: 0, reading: reading, theme: Theme(mode: .none))
        #expect(line.0 == "the consumer waits 50% for batches: the workers set the pace (most: read)")
        let both = StageWaitsView.verdict(consumerWait: 0.4, blocked: 0.7, reading: reading, theme: Theme(mode: .none))
        #expect(both.0 == "both wait 40%/70%: a slow (or descheduled) batch holds up the next")
    }

    @Test func aRunIsMeasuredLiveAndAPauseKeepsItsLastFigures() throws {
        let session = try FixtureData.session(FixtureData.rgb(), batchSize: 64)
        session.handle(.character("w"))
        #expect(session.render(width: 80, height: 24).text.contains("press r to run it"))
        session.handle(.character("r"))
        for _ in 0..<6 { session.tick() }
        let live = try #require(session.stageWaits)
        #expect(live.running && live.waits.workers.count == 2 && live.waits.queueCapacity == 6)
        // Every tick took one batch from the pipeline (one slice each: no preprocessing).
        #expect(live.waits.consumer.batches == 6)
        #expect(live.waits.workers.reduce(0) { $0 + $1.batches } >= 6)
        #expect(session.render(width: 80, height: 24).text.contains("stage waits · 2 workers · last"))
        session.handle(.character("r"))
        let kept = try #require(session.stageWaits)
        #expect(!kept.running && kept.waits.consumer.batches == 6)
        #expect(session.render(width: 80, height: 24).text.contains("paused: the last"))
    }
}
