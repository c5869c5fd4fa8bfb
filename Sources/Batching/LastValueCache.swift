import Synchronization

/// Keeps the value computed last and its key, shared by every copy of the value type holding it:
/// for work that every batch of an epoch would otherwise repeat.
final class _LastValueCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let last = Mutex<(key: Key, value: Value)?>(nil)

    /// The value for `key`: the one kept when the key matches, otherwise `make()`'s, kept.
    func value(for key: Key, _ make: () throws -> Value) rethrows -> Value {
        if let kept = last.withLock({ $0 }), kept.key == key { return kept.value }
        let value = try make()
        last.withLock { $0 = (key, value) }
        return value
    }
}
