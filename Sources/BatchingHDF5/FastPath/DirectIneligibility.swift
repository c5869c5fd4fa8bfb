/// Why the direct-read path leaves a dataset to libhdf5, in words.
///
/// ```swift
/// if case .failure(let why) = DirectLayout.discover(dataset) { print(why) }
/// // "dataset 'images' uses the fletcher32 filter, which only libhdf5 decodes"
/// ```
public struct DirectIneligibility: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, as a clause naming the dataset.
    public var reason: String
    /// How the dataset is damaged, as a clause, when it is not merely outside what the direct
    /// path decodes: then no reader should return its rows (the library path is not tried).
    public var damage: String?

    public init(_ reason: String) {
        self.reason = reason
        damage = nil
    }

    /// The dataset called `name` in messages is damaged: `problem` says how.
    static func damaged(_ name: String, _ problem: String) -> DirectIneligibility {
        var why = DirectIneligibility("\(name) is damaged: \(problem)")
        why.damage = problem
        return why
    }

    public var description: String { reason }
}
