import Synchronization

/// Collects the decode time and byte counts a data source reports while it prepares one batch.
///
/// The pipeline installs a recorder around every call into a source; a source that decodes (an
/// HDF5 reader inflating chunks, perhaps on several threads) adds its time and bytes to
/// ``current``. Sources that report nothing have their whole time counted as reading.
///
/// ```swift
/// // inside a source's batch(at:_:)
/// let start = ContinuousClock.now
/// inflate(chunk)
/// StageRecorder.current?.addDecode(seconds: (ContinuousClock.now - start).seconds, bytes: chunk.count)
/// ```
public final class StageRecorder: Sendable {
    /// The recorder of the batch being prepared on this task or thread, if any.
    @TaskLocal public static var current: StageRecorder?

    private let decodeNanos = Atomic<Int>(0)
    private let readBytes = Atomic<Int>(0)
    private let decodedBytes = Atomic<Int>(0)
    private let readReported = Atomic<Bool>(false)
    private let externalNanos = Atomic<Int>(0)
    private let transportNanos = Atomic<Int>(0)

    private let chunkHits = Atomic<Int>(0)
    private let chunkMisses = Atomic<Int>(0)
    private let lookupsReported = Atomic<Bool>(false)

    public init() {}

    /// Adds `seconds` of decoding that produced `bytes` bytes of samples.
    public func addDecode(seconds: Double, bytes: Int) {
        decodeNanos.add(Int(seconds * 1e9), ordering: .relaxed)
        decodedBytes.add(bytes, ordering: .relaxed)
    }

    /// Adds `bytes` bytes read from storage (compressed bytes for a compressed file).
    public func addRead(bytes: Int) {
        readBytes.add(bytes, ordering: .relaxed)
        readReported.store(true, ordering: .relaxed)
    }

    /// Adds one call of an external stage: `seconds` inside its own code, `transport` moving
    /// data to it and back.
    public func addExternal(seconds: Double, transport: Double) {
        externalNanos.add(Int(seconds * 1e9), ordering: .relaxed)
        transportNanos.add(Int(transport * 1e9), ordering: .relaxed)
    }

    /// Seconds inside external stages reported so far.
    public var externalSeconds: Double { Double(externalNanos.load(ordering: .relaxed)) / 1e9 }
    /// Seconds of transport to external stages reported so far.
    public var transportSeconds: Double { Double(transportNanos.load(ordering: .relaxed)) / 1e9 }

    /// Adds a read's decoded-chunk cache look-ups (once per read, not per chunk).
    public func addChunkLookups(hits: Int, misses: Int) {
        chunkHits.add(hits, ordering: .relaxed)
        chunkMisses.add(misses, ordering: .relaxed)
        lookupsReported.store(true, ordering: .relaxed)
    }

    /// The decoded-chunk cache look-ups reported so far; `nil` when the source reported none
    /// (it reads no chunks through a cache).
    public var chunkLookups: ChunkLookups? {
        guard lookupsReported.load(ordering: .relaxed) else { return nil }
        return ChunkLookups(hits: chunkHits.load(ordering: .relaxed), misses: chunkMisses.load(ordering: .relaxed))
    }

    /// Seconds of decoding reported so far.
    public var decodeSeconds: Double { Double(decodeNanos.load(ordering: .relaxed)) / 1e9 }
    /// Bytes read reported so far; `nil` when the source reported none.
    public var bytesRead: Int? { readReported.load(ordering: .relaxed) ? readBytes.load(ordering: .relaxed) : nil }
    /// Bytes decoded reported so far.
    public var bytesDecoded: Int { decodedBytes.load(ordering: .relaxed) }

    /// Runs `body` with this recorder as ``current``.
    public func recording<R>(_ body: () throws -> R) rethrows -> R {
        try StageRecorder.$current.withValue(self, operation: body)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double` (the one conversion every module uses).
    public var seconds: Double {
        let (s, attos) = components
        return Double(s) + Double(attos) * 1e-18
    }
}
