import Batching
import Synchronization

/// The grid's previews of one raw batch, each resampled once: a frame after a key that only
/// moves the selection, or that shows a batch kept or read ahead, reads no stored value again.
/// The prefetcher fills one ahead (``fill(_:images:layout:)``) for the page the next batch will
/// show, so that `n` draws it without resampling on the key's path.
///
/// Keyed by the row, the pixel size it was resampled to, the scaling and the channel (the
/// layout is the dataset's): a preview for other settings is simply not found and drawn anew.
final class PreviewCache: Sendable {
    struct Key: Hashable, Sendable {
        var row: Int
        var width: Int
        var height: Int
        var scaling: IntensityScaling
        var channel: Int
    }

    /// The previews a read ahead draws: the rows of the page on screen, fitted to its cells.
    struct Request: Sendable, Hashable {
        var rows: Range<Int>
        var columns: Int
        var cellRows: Int
        var scaling: IntensityScaling
        var channel: Int
    }

    /// The most pixel values kept (4 MB of floats; a page of previews is at most a few hundred
    /// thousand): past it, the cache starts over.
    static let valueLimit = 1 << 20

    private let images = Mutex<(byKey: [Key: DisplayImage], values: Int)>(([:], 0))

    /// The preview for `key`, drawn by `draw` (and kept) when it is not kept yet.
    func image(_ key: Key, draw: () -> DisplayImage) -> DisplayImage {
        if let kept = images.withLock({ $0.byKey[key] }) { return kept }
        let drawn = draw()
        images.withLock { images in
            if images.values + drawn.values.count > Self.valueLimit { images = ([:], 0) }
            if images.byKey.updateValue(drawn, forKey: key) == nil { images.values += drawn.values.count }
        }
        return drawn
    }

    /// Draws the previews `request` asks for of `images` (raw rows read in `layout`; batch row
    /// `firstRow` is its first, when it holds only a page of the batch), on `work`'s threads.
    func fill(
        _ request: Request, images: Tensor, layout: ImageLayout, firstRow: Int = 0,
        work: ParallelWork = ParallelWork(width: 1)
    ) {
        let rows = request.rows.filter { $0 >= firstRow && $0 - firstRow < images.rowCount }
        try? work.run(count: rows.count) { [self] i in
            let row = rows[i]
            let sample = StoredImage(
                batch: images, row: row - firstRow, layout: layout, scaling: request.scaling, channel: request.channel)
            let size = ImagePainter.fittedSize(
                width: sample.width, height: sample.height, columns: request.columns, rows: request.cellRows)
            guard size.width > 0 else { return }
            let key = Key(
                row: row, width: size.width, height: size.height, scaling: request.scaling, channel: request.channel)
            _ = image(key) { sample.displayed(width: size.width, height: size.height) }
        }
    }

    /// Keeps the previews `other` holds that this cache does not (another cache of the same
    /// batch's rows: a page read first, whose previews the whole batch then needs not redraw).
    func adopt(_ other: PreviewCache) {
        guard other !== self else { return }
        let theirs = other.images.withLock { $0.byKey }
        images.withLock { images in
            for (key, image) in theirs where images.byKey[key] == nil {
                if images.values + image.values.count > Self.valueLimit { break }
                images.byKey[key] = image
                images.values += image.values.count
            }
        }
    }

    /// The number of previews kept.
    var count: Int { images.withLock { $0.byKey.count } }

    /// The pixel values the kept previews hold.
    var valueCount: Int { images.withLock { $0.values } }
}
