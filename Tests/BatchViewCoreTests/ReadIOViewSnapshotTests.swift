import Batching
import Testing

@testable import BatchViewCore

/// `i` draws the report the data gives for the batch's indices, at 80×24; without one it says
/// why.
@Suite struct ReadIOViewSnapshotTests {
    @Test func drawsTheReportOfTheBatchOnScreen() throws {
        var dataset = FixtureData.rgb()
        dataset.readReport = { indices in
            BatchReadReport(
                readPath: "direct", layout: "chunked 64×32×32×3, shuffle+gzip", runs: indices.count,
                chunksTouched: Set(indices.map { $0 / 64 }).count, rowsPerChunk: 64,
                bytesDelivered: indices.count * 3072, bytesRead: 40_000,
                bytesDecoded: Set(indices.map { $0 / 64 }).count * 64 * 3072,
                advice: "each sample costs a 64-row chunk: try --shuffle chunks or rechunk to 8")
        }
        let session = try FixtureData.session(dataset)
        session.handle(.character("i"))
        let frame = session.render(width: 80, height: 24).text
        assertSnapshot(frame, named: "overlay-io-80x24")
        let chunks = Set(try #require(session.current).indices.map { $0 / 64 }).count
        #expect(frame.contains("chunks     \(chunks) touched, 64 rows each"))
        #expect(session.render(width: 48, height: 14).text.contains("more line(s) need 11 rows for this view"))
        // The fixture's data is in memory: no chunk cache took part in reading the batch.
        #expect(frame.contains("chunk cache none counted (libhdf5's own cache, or a batch kept from before)"))
        #expect(frame.contains("amplification \((Double(chunks * 64) / 16 * 10).rounded() / 10)×"))
    }

    @Test func withoutAReportItSaysWhy() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        session.handle(.character("i"))
        #expect(
            session.render(width: 80, height: 24).text.contains("the I/O view reports a single HDF5 file's dataset"))
    }
}
