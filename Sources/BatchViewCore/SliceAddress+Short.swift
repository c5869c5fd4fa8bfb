import Batching

extension SliceAddress {
    /// The address as narrow panes and the busy line write it: `e0 b3`, with ` s1` for a slice
    /// past the first.
    var short: String { "e\(epoch) b\(batch)" + (slice > 0 ? " s\(slice)" : "") }
}
