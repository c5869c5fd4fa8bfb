import Batching

/// A large batch shown page first (``PageFirstRead``): when a key lands on it before its whole
/// read is done, the rows on screen are read alone and drawn, another page is read when the
/// selection moves to it, and the whole batch takes the page's place once it is read
/// (``pollBackgroundWork()``), without a key.
extension InspectorSession {
    /// Whether the batch on screen holds only the page on screen, its whole read on its way.
    public var awaitsWholeBatch: Bool { current.map { !$0.isWhole } ?? false }

    /// The page on screen of the batch at `address` and its samples, when it is read page first:
    /// a large batch whose samples are known without reading it, stepping (not running).
    func pageFirstRequest(_ address: BatchAddress) -> BatchLoader.PageRequest? {
        guard environment.prefetches, !state.running,
            let indices = try? order.stream.indices(epoch: address.epoch, batch: address.batch),
            PageFirstRead.applies(indices: indices, dataset: dataset, minimumBytes: environment.pageFirstBytes)
        else { return nil }
        return BatchLoader.PageRequest(indices: indices, rows: pageOnScreen(count: indices.count))
    }

    /// The pages on screen of the batches a key is likely to show next that are read page
    /// first, for ``PagesAhead``: the one `n` shows, the one `n n` shows (keys pressed back to
    /// back leave a page read ahead only the time of a frame: the one after it has had two),
    /// then those of `p` and `N`.
    func pagesLikelyNext() -> [(BatchAddress, BatchLoader.PageRequest)] {
        var likely = order.likelyAfter(state.address)
        let next = order.nextAddress(after: state.address)
        let afterNext = order.nextAddress(after: next)
        if likely.first == next, order.addressProblem(afterNext) == nil, !likely.contains(afterNext),
            afterNext != state.address
        {
            likely.insert(afterNext, at: 1)
        }
        return likely.compactMap { address in pageFirstRequest(address).map { (address, $0) } }
    }

    /// The rows the grid shows of a batch of `count` samples: the selection's page (the
    /// selected row alone when no grid is drawn).
    func pageOnScreen(count: Int) -> Range<Int> {
        let selected = min(state.selection, max(count - 1, 0))
        guard let geometry = gridGeometry(), geometry.perPage > 0 else { return selected..<min(selected + 1, count) }
        let first = selected / geometry.perPage * geometry.perPage
        return first..<min(first + geometry.perPage, count)
    }

    /// Before a frame: the page on screen held (``holdPageOnScreen()``) and its previews drawn
    /// on every core.
    func preparePage() {
        holdPageOnScreen()
        if let batch = current, let previews = previewRequest() {
            batch.previews.fill(
                previews, images: batch.images, layout: dataset.layout, firstRow: batch.imageRows.lowerBound,
                work: ParallelWork())
        }
    }

    /// After a frame (so that starting them does not slow it): the pages likely next asked for
    /// as this grid shows them, or none while running.
    func readPagesAhead() {
        guard environment.prefetches else { return }
        loader.readPagesAhead(
            state.running ? [] : pagesLikelyNext(), keeping: keptAddresses,
            previews: previewRequest())
    }

    /// Reads the page on screen of a batch shown page first when it holds another page (the
    /// selection moved, the grid changed size), so that a frame draws the rows it shows.
    func holdPageOnScreen() {
        guard let batch = current, !batch.isWhole else { return }
        let rows = pageOnScreen(count: batch.count)
        guard rows.clamped(to: batch.imageRows) != rows else { return }
        do {
            current = try PageFirstRead.page(rows, of: batch, dataset: dataset)
        } catch {
            setStatus("\(error)", isError: true)
        }
    }

    /// Shows the whole batch in place of its page once its read is done — or, `waiting`, waits
    /// for it; whether it did. A whole read let go meanwhile (a run started) is asked for again.
    @discardableResult
    func takeWholeBatch(waiting: Bool) -> Bool {
        guard let batch = current, !batch.isWhole, batch.address == state.address else { return false }
        guard waiting || loader.hasRead(batch.address) else {
            if !state.running && !loader.isReading(batch.address) { readAhead() }
            return false
        }
        reload(whole: true)
        // The page's previews are the whole batch's for those rows: not drawn again, now or when kept.
        if let whole = current, whole.isWhole, whole.address == batch.address { whole.previews.adopt(batch.previews) }
        loader.recyclePage(batch)
        return true
    }
}
