import Batching
import Dispatch
import Synchronization

/// The pages on screen of the batches a key is likely to show next, read (``PageFirstRead``)
/// and their previews drawn on a thread of their own, ahead of the whole reads: a key pressed
/// before its batch's whole read is done then finds the page ready instead of reading and
/// resampling it on the key's path.
///
/// A page is read at most once per request, the likeliest first; pages no longer asked for are
/// dropped (one being read finishes unused). ``take(_:rows:)`` waits for a page being read —
/// a few milliseconds — but not for one still queued behind others, which it drops (reading it
/// on the key's path is sooner).
///
/// ```swift
/// pages.prepare([(address, request)], dataset: dataset, previews: previewRequest)
/// let page = pages.take(address, rows: request.rows)   // nil: read it now
/// ```
final class PagesAhead: Sendable {
    private enum Progress: Sendable {
        case queued, reading
        case finished(LoadedBatch?)
    }

    private struct Entry: Sendable {
        var id: Int
        var rows: Range<Int>
        var progress: Progress
        var group: DispatchGroup
    }

    private let entries = Mutex<(next: Int, byAddress: [BatchAddress: Entry])>((0, [:]))
    private let queue = DispatchQueue(label: "batchview.pages-ahead", qos: .userInitiated)
    /// The image tensors of pages dropped, for the next pages to be read into (a page is
    /// megabytes: fresh memory costs page faults, freeing it a trip through the address space's
    /// lock, which the whole reads' page faults hold — milliseconds on the key's path).
    private let spares = Mutex<[Tensor]>([])
    /// The most spare tensors kept: the pages ahead are at most five.
    static let spareLimit = 6

    /// Reads the pages `requests` ask for, in that order, unless read or being read for the same
    /// rows, and draws each one's previews `previews` asks for; drops the other pages but those
    /// of `keeping` (kept if held, not read).
    func prepare(
        _ requests: [(BatchAddress, BatchLoader.PageRequest)], keeping: [BatchAddress] = [],
        dataset: InspectedDataset, previews: PreviewCache.Request?
    ) {
        let (started, dropped) = entries.withLock {
            state -> ([(BatchAddress, Int, BatchLoader.PageRequest)], [LoadedBatch]) in
            let asked = Dictionary(requests.map { ($0.0, $0.1.rows) }, uniquingKeysWith: { first, _ in first })
            var dropped = [LoadedBatch]()
            for (address, entry) in state.byAddress where asked[address] != entry.rows && !keeping.contains(address) {
                state.byAddress[address] = nil
                switch entry.progress {
                case .queued: entry.group.leave()
                case .finished(let page?): dropped.append(page)
                default: break
                }
            }
            var started = [(BatchAddress, Int, BatchLoader.PageRequest)]()
            for (address, request) in requests where state.byAddress[address] == nil {
                state.next += 1
                let entry = Entry(id: state.next, rows: request.rows, progress: .queued, group: DispatchGroup())
                entry.group.enter()
                state.byAddress[address] = entry
                started.append((address, state.next, request))
            }
            return (started, dropped)
        }
        recycle(dropped)
        for (address, id, request) in started {
            queue.async { [self] in
                guard let group = begin(address, id: id) else { return } // dropped while queued
                let page = try? PageFirstRead.batch(
                    at: address, indices: request.indices, rows: request.rows, dataset: dataset, finishedAt: 0,
                    spare: spare(shaped:))
                if let page, let previews {
                    page.previews.fill(
                        previews, images: page.images, layout: dataset.layout, firstRow: page.imageRows.lowerBound,
                        work: ParallelWork())
                }
                finish(address, id: id, page: page)
                group.leave() // a page being read ends once, kept or dropped meanwhile
            }
        }
    }

    /// Marks the page `id` of `address` as being read, giving the group its end leaves; `nil`
    /// when it was dropped while queued (whoever dropped it left the group).
    private func begin(_ address: BatchAddress, id: Int) -> DispatchGroup? {
        entries.withLock { state in
            guard let entry = state.byAddress[address], entry.id == id, case .queued = entry.progress else {
                return nil
            }
            state.byAddress[address]?.progress = .reading
            return entry.group
        }
    }

    /// Keeps `page` for a later ``take(_:rows:)``, unless it was dropped meanwhile.
    private func finish(_ address: BatchAddress, id: Int, page: LoadedBatch?) {
        entries.withLock { state in
            guard state.byAddress[address]?.id == id else { return }
            state.byAddress[address]?.progress = .finished(page)
        }
    }

    /// The page of `address` holding `rows`, read ahead (waiting for it when it is being read);
    /// `nil` when it was not asked for, is for other rows, still queued (then dropped) or failed.
    /// A page taken is not kept.
    func take(_ address: BatchAddress, rows: Range<Int>) -> LoadedBatch? {
        let group = entries.withLock { state -> DispatchGroup? in
            guard let entry = state.byAddress[address], entry.rows == rows else { return nil }
            if case .queued = entry.progress {
                state.byAddress[address] = nil
                entry.group.leave()
                return nil
            }
            return entry.group
        }
        guard let group else { return nil }
        group.wait()
        return entries.withLock { state in
            guard case .finished(let page)? = state.byAddress.removeValue(forKey: address)?.progress else { return nil }
            return page
        }
    }

    /// Keeps `page` (read already, of the rows it holds) as if read ahead.
    func keep(_ page: LoadedBatch) {
        entries.withLock { state in
            if let entry = state.byAddress[page.address], case .queued = entry.progress { entry.group.leave() }
            state.next += 1
            state.byAddress[page.address] = Entry(
                id: state.next, rows: page.imageRows, progress: .finished(page), group: DispatchGroup())
        }
    }

    /// Keeps the image tensors of `pages`, dropped, for later pages to be read into; those past
    /// ``spareLimit`` are freed on the pages' thread, off the key's path.
    func recycle(_ pages: [LoadedBatch]) {
        guard !pages.isEmpty else { return }
        let freed = spares.withLock { spares -> [Tensor] in
            spares.append(contentsOf: pages.map(\.images))
            let extra = max(spares.count - Self.spareLimit, 0)
            defer { spares.removeFirst(extra) }
            return Array(spares.prefix(extra))
        }
        queue.async { withExtendedLifetime(freed) {} }
    }

    /// A spare tensor of `shape` that no one else holds, removed from the spares; `nil` when there
    /// is none.
    func spare(shaped shape: [Int]) -> Tensor? {
        spares.withLock { spares in
            for index in spares.indices.reversed() where spares[index].shape == shape {
                if spares[index].holdsStorageAlone() { return spares.remove(at: index) }
            }
            return nil
        }
    }

    /// Waits until every page asked for so far is read (tests).
    func waitForPages() { queue.sync {} }

    /// Bytes the pages read and not taken hold.
    var heldBytes: Int {
        entries.withLock { state in
            state.byAddress.values.reduce(0) { total, entry in
                guard case .finished(let page?) = entry.progress else { return total }
                return total + page.heldBytes
            }
        }
    }
}
