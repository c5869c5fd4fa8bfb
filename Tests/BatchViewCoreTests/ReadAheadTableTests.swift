import Batching
import Testing

@testable import BatchViewCore

/// The books of the reads ahead: what a taker gets, what is dropped, what is handed back.
@Suite struct ReadAheadTableTests {
    static func address(_ batch: Int) -> BatchAddress { BatchAddress(epoch: 0, batch: batch) }

    @Test func aQueuedReadIsDroppedByItsTakerAndAFinishedOneTakenOnce() throws {
        let table = ReadAheadTable<String>()
        let started = table.ask([(Self.address(1), nil), (Self.address(2), nil)]).started
        #expect(started.map(\.address) == [Self.address(1), Self.address(2)])
        // Batch 1 is read; batch 2 is still queued when a key asks for it: dropped, read on the key's path.
        let first = try #require(table.beginFirstQueued(whileFewerThan: 1))
        #expect(first.address == Self.address(1))
        #expect(table.beginFirstQueued(whileFewerThan: 1) == nil, "one read at a time")
        #expect(table.finish(first.address, id: first.id, with: "one") == nil)
        first.group.leave()
        #expect(table.take(Self.address(2), rows: nil) == nil && !table.holds(Self.address(2)))
        #expect(table.begin(Self.address(2), id: started[1].id) == nil, "a dropped read is not begun")
        #expect(table.hasFinished(Self.address(1)))
        #expect(table.take(Self.address(1), rows: nil) == "one")
        #expect(table.take(Self.address(1), rows: nil) == nil, "taken once")
    }

    @Test func readsNoLongerAskedForAreHandedBack() throws {
        let table = ReadAheadTable<String>()
        let id = table.ask([(Self.address(1), 0..<4), (Self.address(2), 0..<4)]).started
        let one = try #require(table.begin(Self.address(1), id: id[0].id))
        let two = try #require(table.begin(Self.address(2), id: id[1].id))
        #expect(table.finish(Self.address(2), id: id[1].id, with: "two") == nil)
        two.leave()
        // Asking for batch 3 only: the finished batch 2 comes back at once, batch 1 when it ends.
        let asked = table.ask([(Self.address(3), 0..<4)])
        #expect(asked.forgotten == ["two"] && asked.started.map(\.address) == [Self.address(3)])
        #expect(table.finish(Self.address(1), id: id[0].id, with: "one") == "one")
        one.leave()
        #expect(!table.holds(Self.address(1)))
    }

    @Test func askingAgainWaitsForTheReadAndOtherRowsReadAnew() throws {
        let table = ReadAheadTable<String>()
        let id = table.ask([(Self.address(1), 0..<4)]).started[0].id
        let group = try #require(table.begin(Self.address(1), id: id))
        _ = table.ask([]) // no longer asked for while being read…
        #expect(table.ask([(Self.address(1), 0..<4)]).started.isEmpty, "…then asked again: no second read")
        #expect(table.finish(Self.address(1), id: id, with: "rows 0..<4") == nil, "wanted again, so kept")
        group.leave()
        // The same batch for other rows is a read of its own.
        let other = table.ask([(Self.address(1), 4..<8)])
        #expect(other.forgotten == ["rows 0..<4"] && other.started.count == 1)
        #expect(table.take(Self.address(1), rows: 0..<4) == nil)
    }
}
