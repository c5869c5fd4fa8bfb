/// How one read used a decoded-chunk cache: the look-ups that found their chunk and those that
/// had to read and decode it. Counted inside the read (see ``StageRecorder``), so a cache shared
/// with other reads (a prefetcher reading ahead, other workers) does not blur the figures.
public struct ChunkLookups: Sendable, Hashable {
    /// Chunks found in the cache.
    public var hits: Int
    /// Chunks read and decoded.
    public var misses: Int

    public init(hits: Int, misses: Int) {
        self.hits = hits
        self.misses = misses
    }
}
