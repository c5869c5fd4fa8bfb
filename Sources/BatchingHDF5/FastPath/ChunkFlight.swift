import Dispatch
import Synchronization

/// One chunk being decoded by one reader, which others that want the same chunk meanwhile wait
/// for instead of inflating it a second time.
///
/// ``DecodedChunkCache/lookUp(_:coveringRows:decodingRows:)`` hands a flight out: to the reader
/// that claims the decode (``DecodedChunkCache/Lookup/decodeHere(_:)``), which must end it with
/// ``DecodedChunkCache/finish(_:with:)`` whatever happens, and to the readers that come while it
/// runs (``DecodedChunkCache/Lookup/beingDecoded(_:)``), which call ``wait()``. A decode that
/// fails hands waiters `nil`: they look the chunk up again and decode it themselves, so each meets
/// the error in its own read and none waits for a decode that will never come.
///
/// ```swift
/// switch cache.lookUp(key, coveringRows: rows, decodingRows: .max) {
/// case .held(let chunk): use(chunk)
/// case .decodeHere(let flight): cache.finish(flight, with: Result { try decode() })
/// case .beingDecoded(let flight): if let chunk = flight.wait() { use(chunk) } else { /* look up again */ }
/// }
/// ```
public final class ChunkFlight: Sendable {
    /// The chunk being decoded.
    public let key: DecodedChunkCache.Key
    /// How many leading rows the decode will cover (`Int.max`: all of them).
    public let rows: Int

    private let done = DispatchGroup()
    private let outcome = Mutex<(landed: Bool, chunk: DecodedChunk?)>((false, nil))

    init(key: DecodedChunkCache.Key, rows: Int) {
        self.key = key
        self.rows = rows
        done.enter()
    }

    /// Blocks until the decode ends; its chunk, or `nil` when it failed.
    public func wait() -> DecodedChunk? {
        done.wait()
        return outcome.withLock { $0.chunk }
    }

    /// Ends the flight with `chunk` (`nil`: the decode failed) and wakes every waiter; false (and
    /// nothing changed) when it had already ended.
    @discardableResult
    func land(_ chunk: DecodedChunk?) -> Bool {
        let first = outcome.withLock { outcome in
            if outcome.landed { return false }
            outcome = (true, chunk)
            return true
        }
        if first { done.leave() }
        return first
    }
}
