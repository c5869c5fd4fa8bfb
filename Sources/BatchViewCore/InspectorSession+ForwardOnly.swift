import Batching

/// A forward-only source in the inspector (``InspectedForwardOnly``): what it refuses, and why
/// a batch cannot be shown — not read yet, read and let go, or past the source's end.
extension InspectorSession {
    /// Why `action` cannot be done on a forward-only source; `nil` when it can (or the source is
    /// not forward-only).
    func forwardOnlyRefusal(_ action: InspectorAction) -> String? {
        guard dataset.forwardOnly != nil else { return nil }
        switch action {
        case .cycleSampler:
            return
                "this source reads forward only and gives its batches in its own order: there is no sampler to switch"
        case .toggleShuffle:
            return
                "this source reads forward only and gives its batches in its own order: shuffling is up to the source"
        case .copyResumeToken:
            return
                "a forward-only source cannot start at a batch, so there is no resume token: run it again and step forward"
        case .promptFind:
            return "a forward-only source's samples have no indices to find: they are numbered as they are read"
        default: return nil
        }
    }

    /// What N, P and `g` to another epoch say for a forward-only source without a length.
    static let noEpochs =
        "this source does not say its length, so it has no epochs: what it gives is one stream (n steps on)"

    /// Whether the data is a forward-only source that does not say its length (so has no epochs).
    var hasNoEpochs: Bool {
        guard let forward = dataset.forwardOnly, case .finite = forward.sampleCount else {
            return dataset.forwardOnly != nil
        }
        return false
    }

    /// Why the batch at `address` of a forward-only source cannot be shown: it is more than one
    /// batch past the last one read (`n` reads them one by one), it was read and let go, or the
    /// source ended before it; `nil` when it can be (or the source is not forward-only).
    func forwardOnlyProblem(movingTo address: BatchAddress) -> String? {
        guard let forward = dataset.forwardOnly else { return nil }
        let cache = forward.cache
        switch cache.position(of: address) {
        case .kept: return nil
        case .outOfRange:
            if hasNoEpochs { return Self.noEpochs }
            return
                "\(BatchingError.addressOutOfRange(epoch: address.epoch, batch: address.batch, batchCount: forward.batchCount))"
        case .letGo:
            return
                "\(address) was read and let go: a forward-only source keeps only its last batches (at most \(cache.capacity) and \(Units.bytes(cache.byteLimit)))"
        case .ahead(let unread) where unread > 0:
            return
                "\(address) has not been read yet: this source reads forward only, so step there with n (\(cache.progress.batches) batches read so far)"
        case .ahead:
            // The next batch to read: read it now, so that an ended source is said as such.
            do {
                _ = try cache.batch(at: address, cache.options)
                return nil
            } catch {
                return forwardOnlyEndNote ?? "\(error)"
            }
        }
    }

    /// `the source ended after N batches`, once a forward-only source has ended.
    var forwardOnlyEndNote: String? {
        guard let cache = dataset.forwardOnly?.cache, cache.progress.ended else { return nil }
        let kept = min(cache.capacity, cache.progress.batches)
        return
            "the source ended after \(cache.progress.batches) batches; p steps back through the last ones kept (up to \(kept))"
    }
}
