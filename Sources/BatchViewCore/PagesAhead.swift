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
    /// The pages asked for: read, being read or queued (a failed read is a `nil` page).
    private let pages = ReadAheadTable<LoadedBatch?>()
    private let queue = DispatchQueue(label: "batchview.pages-ahead", qos: .userInitiated)
    /// The image tensors of pages dropped, for the next pages to be read into (a page is
    /// megabytes: fresh memory costs page faults, freeing it a trip through the address space's
    /// lock, which the whole reads' page faults hold — milliseconds on the key's path).
    private let spares = SpareBuffers<Tensor>(limit: PagesAhead.spareLimit)
    /// The most spare tensors kept: the pages ahead are at most five.
    static let spareLimit = 6

    /// Reads the pages `requests` ask for, in that order, unless read or being read for the same
    /// rows, and draws each one's previews `previews` asks for; drops the other pages but those
    /// of `keeping` (kept if held, not read).
    func prepare(
        _ requests: [(BatchAddress, BatchLoader.PageRequest)], keeping: [BatchAddress] = [],
        dataset: InspectedDataset, previews: PreviewCache.Request?
    ) {
        let (forgotten, started) = pages.ask(requests.map { ($0.0, $0.1.rows) }, keeping: Set(keeping))
        recycle(forgotten.compactMap { $0 })
        let asked = Dictionary(requests, uniquingKeysWith: { first, _ in first })
        for (address, id) in started {
            guard let request = asked[address] else { continue }
            queue.async { [self] in
                guard let group = pages.begin(address, id: id) else { return } // dropped while queued
                let page = try? PageFirstRead.batch(
                    at: address, indices: request.indices, rows: request.rows, dataset: dataset, finishedAt: 0,
                    spare: spare(shaped:))
                if let page, let previews {
                    page.previews.fill(
                        previews, images: page.images, layout: dataset.layout, firstRow: page.imageRows.lowerBound,
                        work: ParallelWork())
                }
                if let unwanted = pages.finish(address, id: id, with: page) { recycle([unwanted].compactMap { $0 }) }
                group.leave() // a page being read ends once, kept or dropped meanwhile
            }
        }
    }

    /// The page of `address` holding `rows`, read ahead (waiting for it when it is being read);
    /// `nil` when it was not asked for, is for other rows, still queued (then dropped) or failed.
    /// A page taken is not kept.
    func take(_ address: BatchAddress, rows: Range<Int>) -> LoadedBatch? { pages.take(address, rows: rows) ?? nil }

    /// Keeps `page` (read already, of the rows it holds) as if read ahead.
    func keep(_ page: LoadedBatch) { pages.keep(page, at: page.address, rows: page.imageRows) }

    /// Keeps the image tensors of `pages`, dropped, for later pages to be read into; those past
    /// ``spareLimit`` are freed on the pages' thread, off the key's path.
    func recycle(_ pages: [LoadedBatch]) {
        guard !pages.isEmpty else { return }
        let freed = spares.keep(pages.map(\.images))
        queue.async { withExtendedLifetime(freed) {} }
    }

    /// A spare tensor of `shape` that no one else holds, removed from the spares; `nil` when there
    /// is none.
    func spare(shaped shape: [Int]) -> Tensor? {
        spares.take { $0.shape == shape && $0.holdsStorageAlone() }
    }

    /// Waits until every page asked for so far is read (tests).
    func waitForPages() { queue.sync {} }

    /// Bytes the pages read and not taken hold.
    var heldBytes: Int { pages.finishedValues.reduce(0) { $0 + ($1?.heldBytes ?? 0) } }
}
