import Synchronization

/// Buffers no longer shown, kept for later reads to write into: a batch or a page is megabytes,
/// and fresh memory costs a page fault per 4 KiB (and freeing it a trip through the address
/// space's lock) where reused memory costs nothing. At most ``limit`` are kept, the oldest going
/// first. A spare is handed out only when nobody else still holds its storage (writing one that
/// is still shown would copy it first), which the caller's test checks in place.
///
/// ```swift
/// let spares = SpareBuffers<Tensor>(limit: 2)
/// spares.keep([old])                                                     // those pushed out are returned
/// let buffer = spares.take { $0.shape == shape && $0.holdsStorageAlone() }
/// ```
final class SpareBuffers<Element: Sendable>: Sendable {
    /// The most spares kept.
    let limit: Int
    private let spares = Mutex<[Element]>([])

    init(limit: Int) { self.limit = limit }

    /// Keeps `elements`; returns the oldest spares they push past ``limit``, for the caller to
    /// let go of where it suits (freeing megabytes takes time).
    @discardableResult
    func keep(_ elements: [Element]) -> [Element] {
        spares.withLock { spares in
            spares.append(contentsOf: elements)
            let extra = max(spares.count - limit, 0)
            defer { spares.removeFirst(extra) }
            return Array(spares.prefix(extra))
        }
    }

    /// The newest spare for which `usable` holds, removed from the spares; `nil` when there is
    /// none. `usable` gets the spare in place, so that it can ask whether its storage is held
    /// alone (a copy would hold it too).
    func take(where usable: (inout Element) -> Bool) -> Element? {
        spares.withLock { spares in
            for index in spares.indices.reversed() where usable(&spares[index]) {
                return spares.remove(at: index)
            }
            return nil
        }
    }

    /// The sum of `measure` over the spares kept now (measured in place: no copy is made that a
    /// concurrent ``take(where:)`` would see as a second holder).
    func total(_ measure: (Element) -> Int) -> Int { spares.withLock { $0.reduce(0) { $0 + measure($1) } } }
}
