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

    /// Converts every element of `tensor` as ``Tensor/convertedToFloat32(scalingBytesInto:threads:)``
    /// does (nothing to do for a `float32` tensor) and returns the bytes a float32 copy holds.
    func convert(_ tensor: Tensor) -> Int {
        let count = tensor.elementCount
        let dtype = tensor.dtype
        guard dtype != .float32, count > 0 else { return count * 4 }
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
        return count * 4
    }
}
