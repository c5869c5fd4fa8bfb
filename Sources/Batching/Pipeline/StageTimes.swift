/// How long the stages of preparing one batch took, in seconds, and how many bytes they moved.
///
/// *Reading* is getting the bytes (a gather from memory, `pread`s of a file); *decoding* is
/// turning stored bytes into samples (inflating chunks, unshuffling); *preprocessing* is the
/// preprocessor's work. A source reports its decode time through ``StageRecorder``; whatever
/// the source spent beyond that counts as reading.
public struct StageTimes: Sendable, Hashable {
    /// Seconds spent reading.
    public var read: Double
    /// Seconds spent decoding.
    public var decode: Double
    /// Seconds spent preprocessing.
    public var preprocess: Double
    /// Bytes read from the source (stored bytes, compressed if the file is).
    public var bytesRead: Int
    /// Bytes of samples after decoding.
    public var bytesDecoded: Int

    public init(read: Double = 0, decode: Double = 0, preprocess: Double = 0, bytesRead: Int = 0, bytesDecoded: Int = 0)
    {
        self.read = read
        self.decode = decode
        self.preprocess = preprocess
        self.bytesRead = bytesRead
        self.bytesDecoded = bytesDecoded
    }

    /// Seconds of all stages together.
    public var total: Double { read + decode + preprocess }
}
