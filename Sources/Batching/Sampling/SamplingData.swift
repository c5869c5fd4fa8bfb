/// What only the data can tell a ``SamplingSpec``: how many samples there are, how they are
/// stored, their labels and weights. The readers are asked only when the spec needs them.
///
/// ```swift
/// let labels = [0, 1, 1, 1]
/// let data = SamplingData(name: "demo", sampleCount: 4, labels: { labels })
/// ```
public struct SamplingData: Sendable {
    /// The data as named in error sentences, such as the file's path.
    public var name: String
    /// The number of samples.
    public var sampleCount: Int
    /// Rows per chunk along the sample axis when the samples are stored in chunks (for
    /// ``ShuffleChoice/chunks``); `nil` when they are not.
    public var rowsPerChunk: Int?
    /// Reads one whole-number label per sample (for ``SamplerChoice/balanced``); `nil` when the
    /// data has no labels.
    public var labels: (@Sendable () throws -> [Int])?
    /// Reads a dataset of per-sample weights by name (for ``SamplerChoice/weights(dataset:)``);
    /// `nil` when the data has no datasets to read them from.
    public var weights: (@Sendable (String) throws -> [Double])?

    /// Data named `name` of `sampleCount` samples.
    public init(
        name: String, sampleCount: Int, rowsPerChunk: Int? = nil, labels: (@Sendable () throws -> [Int])? = nil,
        weights: (@Sendable (String) throws -> [Double])? = nil
    ) {
        self.name = name
        self.sampleCount = sampleCount
        self.rowsPerChunk = rowsPerChunk
        self.labels = labels
        self.weights = weights
    }
}
