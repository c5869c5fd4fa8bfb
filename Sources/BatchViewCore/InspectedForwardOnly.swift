import Batching

/// A forward-only source (a ``SequentialDataSource``: a generator, a stream, BatchUp's
/// `CallableDataSource` or `IteratorDataSource`) as the inspector steps through it: read forward
/// as `n` asks, the last batches kept so `p` steps back among them (``CachedSequentialDataSource``).
///
/// Its samples have no indices: the inspector numbers them in the order the source gives them
/// ("samples 120…135 of the stream"). What needs addresses ahead of the reading — `g` past the
/// last batch read, the sampler (`b`), shuffle (`s`), the resume token (`y`), find (`/`) and
/// coverage (`v`) — is refused with a sentence.
///
/// ```swift
/// let generated = CallableDataSource(sampleCount: .unknown) { options, epoch in makeStream(options) }
/// let dataset = try InspectedDataset(name: "generator", forwardOnly: generated, options: BatchOptions(batchSize: 16))
/// // or any other SequentialDataSource, such as IteratorDataSource(batches)
/// let session = try InspectorSession(dataset: dataset, configuration: InspectorConfiguration(batchSize: 16))
/// ```
public struct InspectedForwardOnly: Sendable {
    /// The source, read forward on demand with its last batches kept.
    public let cache: CachedSequentialDataSource
    /// What the source says of its length.
    public let sampleCount: SampleCount

    /// The most bytes of batches kept for `p`: what stepping back may cost in memory.
    public static let keptBytes = 512_000_000

    /// The kept batches as the inspector reads them: each batch's indices are its samples'
    /// positions in the stream.
    var numberedSource: any DataSource { StreamNumberedSource(cache: cache) }

    /// The number of batches in an epoch; `nil` when the source does not say (or never ends).
    var batchCount: Int? { try? cache.batchCount(cache.options) }

    /// `of K`, `of ?` (read until the source ends) or `of ∞`, for the header.
    var countText: String {
        switch sampleCount {
        case .finite: batchCount.map { "of \($0)" } ?? "of ?"
        case .unknown:
            cache.progress.ended ? "of \(cache.progress.batches) (the source ended)" : "of ? (until the source ends)"
        case .infinite: "of ∞"
        }
    }
}

/// Reads batches from the cache and gives each the positions of its samples in the stream as
/// its indices, so the grid, the detail view and the header can name them.
private struct StreamNumberedSource: DataSource {
    let cache: CachedSequentialDataSource

    func batchCount(_ options: BatchOptions) throws -> Int? { try cache.batchCount(options) }

    func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch {
        var (batch, first) = try cache.positionedBatch(at: address, options)
        batch.indices = Array(first..<(first + batch.count))
        return batch
    }

    func fingerprint(_ options: BatchOptions) throws -> UInt64 { try cache.fingerprint(options) }

    func sampleCount(_ options: BatchOptions) throws -> SampleCount { try cache.sampleCount(options) }
}

extension InspectedDataset {
    /// A dataset over a forward-only source, read in batches of `options.batchSize`: the first
    /// batch is read now, for the images' shape and type (column 0) and the labels' (column 1,
    /// when there is one).
    ///
    /// - Parameters:
    ///   - capacity: the most batches kept for `p` (256 by default); they hold 512 MB at most.
    /// - Throws: the source's errors; ``BatchingError/invalidArgument(_:)`` when it gives no
    ///   batch at all or its first batch has no columns.
    public init(
        name: String, forwardOnly source: any SequentialDataSource, options: BatchOptions, capacity: Int? = nil,
        imagesName: String = "images", layout: ImageLayout? = nil, labelsName: String? = "labels",
        classNames: [String]? = nil
    ) throws {
        let cache = try CachedSequentialDataSource(
            source, options: options, capacity: capacity ?? 256, byteLimit: InspectedForwardOnly.keptBytes)
        let firstBatch: Batch
        do {
            firstBatch = try cache.batch(at: BatchAddress(epoch: 0, batch: 0), options)
        } catch  where cache.progress.ended {
            throw BatchingError.invalidArgument("\(name) gave no batch at all: there is nothing to show")
        }
        guard let images = firstBatch.columns.first else {
            throw BatchingError.invalidArgument("\(name)'s first batch has no columns: there are no images to show")
        }
        self.init(
            name: name, images: images, imagesName: imagesName, layout: layout,
            labels: firstBatch.columns.count > 1 ? firstBatch.columns[1] : nil, labelsName: labelsName,
            classNames: classNames, origin: { index in "\(name): sample \(index) of the stream" })
        forwardOnly = InspectedForwardOnly(cache: cache, sampleCount: try source.sampleCount(options))
    }
}

extension InspectedDataset {
    /// A column's type and shape, such as `uint8 (500, 28, 28)`; for a forward-only source,
    /// whose length is not known ahead, `uint8 (?, 28, 28)`.
    func shapeDescription(_ column: any BatchColumn) -> String {
        guard forwardOnly != nil else { return Self.describe(column) }
        return "\(column.dtype.numpyName) (" + (["?"] + column.rowShape.map(String.init)).joined(separator: ", ") + ")"
    }
}
