/// How one batch's rows are read from the file, worked out from the dataset's layout and the
/// batch's indices (the readers are not asked): the read path, the runs of consecutive rows or
/// the chunks touched, the bytes read against the bytes delivered, and one line of advice when the layout fights the access pattern.
public struct BatchReadReport: Sendable, Equatable {
    /// `direct` or `library`, and the dataset's layout (`chunked 16×32×32×3, gzip+shuffle`).
    public var readPath: String
    public var layout: String
    /// Runs of consecutive rows the batch's sorted, unique indices coalesce into.
    public var runs: Int
    /// Chunks the batch touches, when the dataset is chunked, and the rows each holds.
    public var chunksTouched: Int?
    public var rowsPerChunk: Int?
    /// Bytes of the samples delivered (one row per index).
    public var bytesDelivered: Int
    /// Bytes read from the file with a cold cache: the rows of each run, or the stored bytes
    /// of each chunk touched (their average stored size).
    public var bytesRead: Int
    /// Bytes decoded (whole chunks inflated), when chunked.
    public var bytesDecoded: Int?
    /// One sentence when the layout fights the access pattern.
    public var advice: String?

    public init(
        readPath: String, layout: String, runs: Int, chunksTouched: Int?, rowsPerChunk: Int?, bytesDelivered: Int,
        bytesRead: Int, bytesDecoded: Int?, advice: String?
    ) {
        self.readPath = readPath
        self.layout = layout
        self.runs = runs
        self.chunksTouched = chunksTouched
        self.rowsPerChunk = rowsPerChunk
        self.bytesDelivered = bytesDelivered
        self.bytesRead = bytesRead
        self.bytesDecoded = bytesDecoded
        self.advice = advice
    }

    /// Bytes read (decoded, when chunked) per byte delivered.
    public var amplification: Double {
        Double(bytesDecoded ?? bytesRead) / Double(max(bytesDelivered, 1))
    }
}
