/// Why a compressed stream could not be inflated, as a sentence without context.
///
/// ``Inflater`` throws these; a caller adds what it knows — the file, the dataset, the chunk — and
/// what to do (``FastPathError`` for HDF5 chunks, `DatasetError` for dataset files).
///
/// ```swift
/// do {
///     try Inflater.inflate(stored, exactlyInto: chunk)
/// } catch let error as InflateError {
///     print(error)   // "the zlib stream inflates to 100 bytes, not the 192 expected"
/// }
/// ```
public enum InflateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// zlib found bytes that are not a valid stream after reading `consumed` compressed bytes.
    case corrupt(DeflateFraming, consumed: Int, reason: String)
    /// The compressed bytes ran out after `consumed` of them, `produced` bytes out, before the
    /// stream's end.
    case truncated(DeflateFraming, consumed: Int, produced: Int)
    /// The stream holds more than the `expected` bytes its buffer has room for.
    case longerThanExpected(DeflateFraming, expected: Int)
    /// The stream ended after `produced` bytes, short of the `expected` ones.
    case shorterThanExpected(DeflateFraming, produced: Int, expected: Int)
    /// zlib could not allocate its state or window.
    case outOfMemory(DeflateFraming)

    public var description: String {
        switch self {
        case .corrupt(let framing, let consumed, let reason):
            "the \(framing.streamName) is corrupt after \(consumed) compressed bytes (zlib: \(reason))"
        case .truncated(let framing, let consumed, let produced):
            "the \(framing.streamName) stops after \(consumed) compressed bytes (\(produced) bytes out), before its end"
        case .longerThanExpected(let framing, let expected):
            "the \(framing.streamName) inflates to more than the \(expected) bytes expected"
        case .shorterThanExpected(let framing, let produced, let expected):
            "the \(framing.streamName) inflates to \(produced) bytes, not the \(expected) expected"
        case .outOfMemory(let framing):
            "zlib ran out of memory inflating a \(framing.streamName)"
        }
    }
}
