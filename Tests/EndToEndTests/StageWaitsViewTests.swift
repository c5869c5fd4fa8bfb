import Foundation
import TestSupport
import Testing

/// `w` from `frame --keys`: `r` starts the prefetch pipeline; `frame` takes no batch from it
/// between keys, so after the pause the two workers have filled the buffer and wait on it.
@Suite struct StageWaitsViewTests {
    @Test func runningThenWShowsTheWorkersBlockedOnTheBuffer() throws {
        let result = try CommandRunner.run(
            ["frame", FixturePaths.fixture("mnist_small.h5"), "--size", "80x24", "--keys", "r w", "--pace", "300"])
        #expect(result.status == 0, "\(result.standardError)")
        let text = result.standardOutput
        #expect(text.contains("stage waits · 2 workers · last"))
        #expect(text.contains("worker 1") && text.contains("worker 2") && text.contains("hand-off"))
        #expect(text.contains("ready on average · 6 now"), "the 4 + 2 slots are full")
        #expect(text.contains("on a full buffer: the consumer sets the pace"))
    }

    @Test func beforeARunWSaysHowToStartOne() throws {
        let result = try CommandRunner.run(
            ["frame", FixturePaths.fixture("mnist_small.h5"), "--size", "80x24", "--keys", "w"])
        #expect(result.standardOutput.contains("press r to run it"))
    }
}
