import Batching

/// The header's position for a forward-only source: `batch k of ? (until the source ends)`
/// without an epoch when the source does not say its length (every batch it gives is then one
/// stream), `epoch e · batch k of K` when it does, and the samples as numbered in the stream.
extension HeaderPane {
    static func forwardOnlyPosition(_ session: any InspectorView) -> [(String, String)]? {
        guard let forward = session.dataset.forwardOnly else { return nil }
        let address = session.state.address
        let batchText = "\(address.batch) \(forward.countText)"
        var parts: [(String, String)] =
            if case .finite = forward.sampleCount {
                [("epoch ", String(address.epoch)), ("  batch ", batchText)]
            } else {
                [("batch ", batchText)]
            }
        if let batch = session.current {
            if batch.sliceCount > 1 { parts.append(("  slice ", "\(batch.slice + 1) of \(batch.sliceCount)")) }
            if let first = batch.indices.first, let last = batch.indices.last {
                parts.append(("  samples ", "\(first)…\(last)"))
                parts.append((" of the stream", ""))
            }
        }
        return parts
    }
}
