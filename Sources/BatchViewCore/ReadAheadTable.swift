import Batching
import Dispatch
import Synchronization

/// Reads ahead of the keys, by batch address: each is queued, then being read, then finished
/// (its value kept) until a key takes it or it is no longer asked for. ``BatchPrefetcher`` keeps
/// its whole batches here and ``PagesAhead`` its pages; they decide what to read and when, this
/// keeps the books.
///
/// A taker waits for a read being read (every entry has a `DispatchGroup`, left once: when its
/// read ends, or when it is dropped while still queued) but not for one still queued, which it
/// drops: reading it on the key's path is sooner than waiting behind other reads. A read no
/// longer asked for while it is being read is kept in the books until it ends (so that asking
/// for it again waits for it rather than reading it twice), and then handed back for its buffers
/// to be reused.
///
/// ```swift
/// let (forgotten, started) = table.ask([(address, nil)])
/// // for each started (address, id): table.begin(address, id: id), read, table.finish(address, id: id, with: read)
/// let read = table.take(address, rows: nil)   // waits while it is being read
/// ```
final class ReadAheadTable<Value: Sendable>: Sendable {
    private enum Progress: Sendable {
        case queued, reading
        case finished(Value)
    }

    private struct Entry: Sendable {
        /// Tells this request from a later one for the same address.
        var id: Int
        /// The rows of the batch the read holds (a page's); `nil` for the whole batch.
        var rows: Range<Int>?
        var progress: Progress
        var group: DispatchGroup
        /// Whether it is still asked for; a read that is not is handed back when it ends.
        var wanted = true
    }

    private let state = Mutex<(next: Int, byAddress: [BatchAddress: Entry], order: [BatchAddress])>((0, [:], []))

    /// Asks for `requests` (an address and the rows its read holds), likeliest first, and
    /// forgets the other entries but those of `keeping`: queued ones at once, finished ones
    /// returned in `forgotten` (their buffers are for later reads), those being read once they
    /// end (see ``finish(_:id:with:)``). `started` are the requests that need a read, with the id
    /// to begin and finish it by.
    func ask(
        _ requests: [(address: BatchAddress, rows: Range<Int>?)], keeping: Set<BatchAddress> = []
    ) -> (forgotten: [Value], started: [(address: BatchAddress, id: Int)]) {
        state.withLock { state in
            let asked = Dictionary(requests.map { ($0.address, $0.rows) }, uniquingKeysWith: { first, _ in first })
            state.order = requests.map(\.address)
            var forgotten = [Value]()
            for (address, entry) in state.byAddress where asked[address] != entry.rows && !keeping.contains(address) {
                switch entry.progress {
                case .queued:
                    state.byAddress[address] = nil
                    entry.group.leave() // no task reads it now
                case .reading where asked[address] == nil:
                    state.byAddress[address]?.wanted = false
                case .reading:
                    state.byAddress[address] = nil // asked for other rows: read anew, this one handed back
                case .finished(let value):
                    state.byAddress[address] = nil
                    forgotten.append(value)
                }
            }
            var started = [(address: BatchAddress, id: Int)]()
            for request in requests {
                if state.byAddress[request.address] != nil {
                    state.byAddress[request.address]?.wanted = true // asked for again while still read
                    continue
                }
                state.next += 1
                let entry = Entry(id: state.next, rows: request.rows, progress: .queued, group: DispatchGroup())
                entry.group.enter()
                state.byAddress[request.address] = entry
                started.append((request.address, state.next))
            }
            return (forgotten, started)
        }
    }

    /// Marks read `id` of `address` as being read; its group, which the reader leaves when done.
    /// `nil` when it was dropped while queued (whoever dropped it left the group).
    func begin(_ address: BatchAddress, id: Int) -> DispatchGroup? {
        state.withLock { state in
            guard let entry = state.byAddress[address], entry.id == id, case .queued = entry.progress else {
                return nil
            }
            state.byAddress[address]?.progress = .reading
            return entry.group
        }
    }

    /// Begins the first queued read in the order last asked for, unless a read before it is
    /// still being read or `limit` reads run already: its address, id and group.
    func beginFirstQueued(whileFewerThan limit: Int) -> (address: BatchAddress, id: Int, group: DispatchGroup)? {
        state.withLock { state in
            let reading = state.byAddress.values.count { if case .reading = $0.progress { true } else { false } }
            for address in state.order {
                guard let entry = state.byAddress[address] else { continue } // taken or forgotten
                switch entry.progress {
                case .finished: continue
                case .reading: return nil
                case .queued:
                    guard reading < limit else { return nil }
                    state.byAddress[address]?.progress = .reading
                    return (address, entry.id, entry.group)
                }
            }
            return nil
        }
    }

    /// Keeps `value` as the end of read `id` of `address` for a later ``take(_:rows:)``; returns
    /// it instead when it is no longer asked for (the caller reuses its buffers).
    func finish(_ address: BatchAddress, id: Int, with value: Value) -> Value? {
        state.withLock { state in
            guard let entry = state.byAddress[address], entry.id == id else { return value }
            guard entry.wanted else {
                state.byAddress[address] = nil
                return value
            }
            state.byAddress[address]?.progress = .finished(value)
            return nil
        }
    }

    /// Keeps `value`, read already on the key's path, as the finished read of `address` holding
    /// `rows` (a read of it still queued is dropped; one being read is handed back when it ends).
    func keep(_ value: Value, at address: BatchAddress, rows: Range<Int>?) {
        state.withLock { state in
            if let entry = state.byAddress[address], case .queued = entry.progress { entry.group.leave() }
            state.next += 1
            state.byAddress[address] = Entry(
                id: state.next, rows: rows, progress: .finished(value), group: DispatchGroup())
        }
    }

    /// The read of `address` holding `rows`, waiting while it is being read; `nil` when there is
    /// none for those rows, or it is still queued (then dropped). A read taken leaves the books.
    func take(_ address: BatchAddress, rows: Range<Int>?) -> Value? {
        let awaited = state.withLock { state -> (id: Int, group: DispatchGroup)? in
            guard let entry = state.byAddress[address], entry.rows == rows else { return nil }
            if case .queued = entry.progress {
                state.byAddress[address] = nil
                entry.group.leave() // no task reads it now
                return nil
            }
            state.byAddress[address]?.wanted = true // asked for: kept when it ends
            return (entry.id, entry.group)
        }
        guard let awaited else { return nil }
        awaited.group.wait()
        return state.withLock { state in
            // The read waited for, unless another request took its place meanwhile.
            guard let entry = state.byAddress[address], entry.id == awaited.id,
                case .finished(let value) = entry.progress
            else { return nil }
            state.byAddress[address] = nil
            return value
        }
    }

    /// Whether the read of `address` has finished and is not taken yet.
    func hasFinished(_ address: BatchAddress) -> Bool {
        state.withLock { state in
            if case .finished? = state.byAddress[address]?.progress { return true }
            return false
        }
    }

    /// Whether `address` is queued, being read, or read and not taken yet.
    func holds(_ address: BatchAddress) -> Bool { state.withLock { $0.byAddress[address] != nil } }

    /// The values of the reads finished and not taken.
    var finishedValues: [Value] {
        state.withLock { state in
            state.byAddress.values.compactMap { entry in
                if case .finished(let value) = entry.progress { return value }
                return nil
            }
        }
    }
}
