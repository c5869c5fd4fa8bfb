/// An error that knows which sample caused it, so the pipeline can name the sample.
///
/// A column, source or preprocessor that fails on one sample throws an error conforming to this
/// (``SampleError`` is a ready-made one).
public protocol SampleLocatedError: Error {
    /// The index of the sample that caused the error, when known.
    var sampleIndex: Int? { get }
}

/// A failure on one sample: its index and what went wrong.
///
/// ```swift
/// throw SampleError(sampleIndex: 4711, reason: "pixel 3 is NaN")
/// ```
public struct SampleError: SampleLocatedError, CustomStringConvertible, Equatable {
    /// The sample that failed.
    public var sampleIndex: Int?
    /// What went wrong, in words.
    public var reason: String

    public init(sampleIndex: Int, reason: String) {
        self.sampleIndex = sampleIndex
        self.reason = reason
    }

    public var description: String { reason }
}

extension BatchingError: SampleLocatedError {
    /// The offending index of ``BatchingError/indexOutOfRange(index:count:)``; `nil` otherwise.
    public var sampleIndex: Int? {
        if case .indexOutOfRange(let index, _) = self { return index }
        return nil
    }
}

/// The error a prefetching iterator hands its consumer when preparing a batch failed: which
/// batch, which sample (when the cause knows it) and the cause.
///
/// It reaches the consumer once, in order (after every batch before it), however many workers
/// were preparing batches.
public struct PipelineError: Error, CustomStringConvertible {
    /// The batch being prepared.
    public let address: BatchAddress
    /// The sample that caused the failure, when known.
    public let sampleIndex: Int?
    /// The cause.
    public let underlying: any Error

    public init(address: BatchAddress, underlying: any Error) {
        self.address = address
        self.underlying = underlying
        sampleIndex = (underlying as? any SampleLocatedError)?.sampleIndex
    }

    public var description: String {
        let sample = sampleIndex.map { " at sample \($0)" } ?? ""
        return "preparing batch (\(address))\(sample) failed: \(underlying)"
    }
}
