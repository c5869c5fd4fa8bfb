import Batching

/// The float32 conversion a model is fed, done only to time the "decode" stage: a batch is
/// converted a part at a time into a small scratch that is reused, so that timing a whole-file
/// batch neither holds four times the file nor makes the kernel zero that much fresh memory
/// (which cost more than the conversion itself) on every key.
///
/// ```swift
/// let conversion = ScratchConversion()
/// let bytes = conversion.convert(batch.images)   // the bytes a float32 copy would hold
/// ```
final class ScratchConversion: @unchecked Sendable {
    /// Elements one thread converts at a time: 1 MiB of floats, which stays in the cache.
    static let partElements = 1 << 18

    private let threads: Int
    private let scratch: UnsafeMutablePointer<Float>

    /// A conversion on `threads` threads (every core by default), with a part of scratch each.
    init(threads: Int = ParallelWork().width) {
        self.threads = max(1, threads)
        scratch = .allocate(capacity: self.threads * Self.partElements)
    }

    deinit { scratch.deallocate() }

    /// Elements ``timed(_:clock:)`` converts at most: a larger tensor's time is its first
    /// elements' scaled up, so that timing a whole-file batch of tens of megabytes costs a
    /// millisecond or two of every core, not tens.
    static let timedElements = 1 << 21

    /// The time converting all of `tensor` takes and the bytes its float32 copy holds: measured
    /// on up to ``timedElements`` elements and scaled by the tensor's size.
    func timed(_ tensor: Tensor, clock: () -> UInt64) -> (nanoseconds: UInt64, bytes: Int) {
        let count = tensor.elementCount
        let converted = min(count, Self.timedElements)
        let start = clock()
        convert(tensor, elements: converted)
        let elapsed = clock() &- start
        guard converted < count, converted > 0 else { return (elapsed, count * 4) }
        return (UInt64(Double(elapsed) * Double(count) / Double(converted)), count * 4)
    }

    /// Converts every element of `tensor` as ``Tensor/convertedToFloat32(scalingBytesInto:threads:)``
    /// does (nothing to do for a `float32` tensor) and returns the bytes a float32 copy holds.
    @discardableResult
    func convert(_ tensor: Tensor) -> Int { convert(tensor, elements: tensor.elementCount) }

    /// Converts the first `elements` elements of `tensor` (all when it holds fewer) and returns
    /// the bytes a float32 copy of the whole tensor holds.
    @discardableResult
    func convert(_ tensor: Tensor, elements: Int) -> Int {
        let total = tensor.elementCount
        let count = min(max(elements, 0), total)
        let dtype = tensor.dtype
        guard dtype != .float32, count > 0 else { return total * 4 }
        let parts = count > Self.partElements ? threads : 1
        let perPart = (count + parts - 1) / parts
        // Addresses as integers: pointers are not Sendable; the tensor and the scratch outlive the work.
        let scratchAddress = Int(bitPattern: scratch)
        tensor.withUnsafeBytes { raw in
            let source = Int(bitPattern: raw.baseAddress)
            // Each part has a scratch of its own (part < threads), and no part fails.
            try? ParallelWork(width: parts).run(count: parts) { part in
                guard let base = UnsafeRawPointer(bitPattern: source),
                    let own = UnsafeMutablePointer<Float>(bitPattern: scratchAddress)
                else { return }
                var start = part * perPart
                let end = min(start + perPart, count)
                while start < end {
                    let length = min(Self.partElements, end - start)
                    dtype.convertToFloat32(
                        base + start * dtype.byteWidth, into: own + part * Self.partElements, count: length)
                    start += length
                }
            }
        }
        return total * 4
    }
}
