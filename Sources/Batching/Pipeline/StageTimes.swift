/// How long the stages of preparing one batch took, in seconds, and how many bytes they moved.
///
/// *Reading* is getting the bytes (a gather from memory, `pread`s of a file); *decoding* is
/// turning stored bytes into samples (inflating chunks, unshuffling); *preprocessing* is the
/// preprocessor's work. A source reports its decode time through ``StageRecorder``; whatever
/// the source spent beyond that counts as reading. An external stage (a `python:` function in a
/// worker process) reports, through the same recorder, how much of the preprocessing was its
/// own code (``external``) and how much moving arrays to it and back (``transport``).
public struct StageTimes: Sendable, Hashable {
    /// Seconds spent reading.
    public var read: Double
    /// Seconds spent decoding.
    public var decode: Double
    /// Seconds spent preprocessing, ``external`` and ``transport`` included.
    public var preprocess: Double
    /// Seconds of ``preprocess`` inside external stages' own code, as their workers measured it
    /// (a `python:` stage's function, seeding included).
    public var external: Double
    /// Seconds of ``preprocess`` moving data to and from external stages (copies into and out of
    /// shared memory, messages, waking the worker).
    public var transport: Double
    /// Bytes read from the source (stored bytes, compressed if the file is).
    public var bytesRead: Int
    /// Bytes of samples after decoding.
    public var bytesDecoded: Int

    public init(
        read: Double = 0, decode: Double = 0, preprocess: Double = 0, external: Double = 0, transport: Double = 0,
        bytesRead: Int = 0, bytesDecoded: Int = 0
    ) {
        self.read = read
        self.decode = decode
        self.preprocess = preprocess
        self.external = external
        self.transport = transport
        self.bytesRead = bytesRead
        self.bytesDecoded = bytesDecoded
    }

    /// Seconds of all stages together.
    public var total: Double { read + decode + preprocess }

    /// Both batches' seconds and bytes added, stage by stage.
    public static func + (lhs: StageTimes, rhs: StageTimes) -> StageTimes {
        StageTimes(
            read: lhs.read + rhs.read, decode: lhs.decode + rhs.decode, preprocess: lhs.preprocess + rhs.preprocess,
            external: lhs.external + rhs.external, transport: lhs.transport + rhs.transport,
            bytesRead: lhs.bytesRead + rhs.bytesRead, bytesDecoded: lhs.bytesDecoded + rhs.bytesDecoded)
    }

    /// The first batches' seconds and bytes less the second's, stage by stage.
    public static func - (lhs: StageTimes, rhs: StageTimes) -> StageTimes {
        StageTimes(
            read: lhs.read - rhs.read, decode: lhs.decode - rhs.decode, preprocess: lhs.preprocess - rhs.preprocess,
            external: lhs.external - rhs.external, transport: lhs.transport - rhs.transport,
            bytesRead: lhs.bytesRead - rhs.bytesRead, bytesDecoded: lhs.bytesDecoded - rhs.bytesDecoded)
    }

    /// The seconds divided by `batches` and the bytes by `batches` (rounded down): the mean batch.
    public func perBatch(_ batches: Int) -> StageTimes {
        let n = max(batches, 1)
        let seconds = Double(n)
        return StageTimes(
            read: read / seconds, decode: decode / seconds, preprocess: preprocess / seconds,
            external: external / seconds, transport: transport / seconds, bytesRead: bytesRead / n,
            bytesDecoded: bytesDecoded / n)
    }
}
