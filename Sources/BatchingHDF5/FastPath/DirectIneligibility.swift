/// Why the direct-read path leaves a dataset to libhdf5, in words.
///
/// ```swift
/// if case .failure(let why) = DirectLayout.discover(dataset) { print(why) }
/// // "dataset 'images' uses the fletcher32 filter, which only libhdf5 decodes"
/// ```
public struct DirectIneligibility: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, as a clause naming the dataset.
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
