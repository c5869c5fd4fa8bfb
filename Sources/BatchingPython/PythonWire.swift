import Batching

/// The binary messages between batchview and a Python worker (little-endian, no pickle).
///
/// A request is `"BVRQ" op:u32 seed:u64 epoch:i64 batch:i64 slice:i64 stream:u64` followed by
/// two array headers (images, labels). A reply is `"BVRS" status:u32 pythonSeconds:f64`, then
/// either two array headers (status 0) or `length:u32` and a UTF-8 sentence (status 1). An array
/// header is `dtype:8 bytes (NumPy's '|u1', '<f4', …) ndim:u32 present:u32 offset:u64` and `ndim`
/// extents (i64); the bytes themselves lie at `offset` in the shared-memory file.
enum PythonWire {
    /// What the worker does with a request's arrays.
    enum Operation: UInt32 {
        /// `NAME(images, labels, rng)` once for the batch.
        case batch = 1
        /// `NAME(image, label, rng)` for each sample, stacked.
        case perSample = 2
    }

    /// Where an array lies in the shared-memory file.
    struct ArrayPlacement: Equatable {
        var dtype: DType
        var shape: [Int]
        var offset: Int
        var byteCount: Int { shape.reduce(1, *) * dtype.byteWidth }
    }

    /// The request header for `request`, with its arrays at `images` and `labels`.
    static func request(
        _ operation: Operation, key: PythonCallKey, images: ArrayPlacement, labels: ArrayPlacement?
    ) -> [UInt8] {
        var bytes = Array("BVRQ".utf8)
        append(operation.rawValue, to: &bytes)
        append(key.seed, to: &bytes)
        append(Int64(key.address.epoch), to: &bytes)
        append(Int64(key.address.batch), to: &bytes)
        append(Int64(key.address.slice), to: &bytes)
        append(key.stream, to: &bytes)
        appendArray(images, to: &bytes)
        appendArray(labels, to: &bytes)
        return bytes
    }

    /// The offset after `end` that the next array starts at (64-byte aligned, as the worker does).
    static func aligned(_ end: Int) -> Int { (end + 63) / 64 * 64 }

    private static func appendArray(_ placement: ArrayPlacement?, to bytes: inout [UInt8]) {
        var name = Array((placement?.dtype.numpyDescriptor ?? "").utf8)
        name += [UInt8](repeating: 0, count: 8 - name.count)
        bytes += name
        append(UInt32(placement?.shape.count ?? 0), to: &bytes)
        append(UInt32(placement == nil ? 0 : 1), to: &bytes)
        append(UInt64(placement?.offset ?? 0), to: &bytes)
        for extent in placement?.shape ?? [] { append(Int64(extent), to: &bytes) }
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    /// The fixed part of a reply: magic, status and the seconds spent in Python.
    static let replyHeaderSize = 16
    /// The fixed part of an array header.
    static let arrayHeaderSize = 24

    /// A little-endian reader over received bytes.
    struct Reader {
        var bytes: [UInt8]
        var position = 0

        mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T {
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { out in
                for i in 0..<MemoryLayout<T>.size { out[i] = bytes[position + i] }
            }
            position += MemoryLayout<T>.size
            return T(littleEndian: value)
        }

        mutating func text(_ count: Int) -> String {
            defer { position += count }
            return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
        }
    }

    /// The dtype NumPy calls `descriptor` (`'|u1'`, `'<f4'`, …), if batchview can hold it.
    static func dtype(_ descriptor: String) -> DType? {
        let trimmed = String(descriptor.prefix { $0 != "\0" })
        return DType.allCases.first { $0.numpyDescriptor == trimmed }
    }
}

/// What a call is seeded from: the stage's seed and stream, and the slice's address.
struct PythonCallKey: Hashable {
    var seed: UInt64
    var stream: UInt64
    var address: SliceAddress
}
