/// The last few values of one measure, oldest first, for a sparkline; fixed capacity, so adding a
/// value never allocates.
public struct StatsHistory: Sendable, Hashable {
    private var storage: [Double]
    private var head = 0
    /// The number of values held (at most ``capacity``).
    public private(set) var count = 0

    /// An empty history holding up to `capacity` values.
    public init(capacity: Int) { storage = Array(repeating: 0, count: max(1, capacity)) }

    /// The most values the history keeps.
    public var capacity: Int { storage.count }

    /// Adds `value`, dropping the oldest when full.
    public mutating func append(_ value: Double) {
        storage[(head + count) % storage.count] = value
        if count < storage.count { count += 1 } else { head = (head + 1) % storage.count }
    }

    /// The values, oldest first.
    public var values: [Double] { (0..<count).map { storage[(head + $0) % storage.count] } }

    /// The newest value.
    public var last: Double? { count > 0 ? storage[(head + count - 1) % storage.count] : nil }
}
