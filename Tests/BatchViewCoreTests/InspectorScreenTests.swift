import Batching
import Testing
@testable import BatchViewCore

/// Text snapshots of whole frames, one per pane and overlay, at 100×30 in the ASCII mode.
@Suite struct InspectorScreenTests {
    @Test func firstFrameOfMnist() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        assertSnapshot(session.render(width: 100, height: 30).text, named: "mnist-first-frame")
    }
}
