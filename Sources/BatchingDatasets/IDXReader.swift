import Batching

/// Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzipped.
///
/// An IDX file starts with two zero bytes, a type code (`0x08` unsigned byte, `0x09` signed byte,
/// `0x0B` int16, `0x0C` int32, `0x0D` float32, `0x0E` float64) and the number of axes, then one
/// big-endian `UInt32` extent per axis, then the elements in row-major order, big-endian.
///
/// ```swift
/// let images = try IDXReader.read(path: "train-images-idx3-ubyte.gz")   // uint8 [60000, 28, 28]
/// ```
public enum IDXReader {
    /// The tensor stored in the IDX file at `path` (gzipped when it starts with `1f 8b`).
    ///
    /// - Throws: ``DatasetError`` when the magic number is wrong or the file is truncated.
    public static func read(path: String) throws -> Tensor {
        try read(from: openPossiblyGzipped(path))
    }

    static func read(from reader: ByteReader) throws -> Tensor {
        let path = reader.path
        let magic = try reader.readUpTo(4)
        guard magic.count == 4, magic[0] == 0, magic[1] == 0, let dtype = dtype(code: magic[2]), magic[3] >= 1 else {
            let shown = magic.map { String($0, radix: 16) }.joined(separator: " ")
            throw DatasetError.wrongFormat(
                path: path, expected: "an IDX file",
                detail: "it starts with bytes \(shown), not 00 00 then a type code and an axis count")
        }
        let dims = try reader.readBytes(4 * Int(magic[3]), what: "the IDX header")
        let shape = (0..<Int(magic[3])).map { axis in
            dims[(4 * axis)..<(4 * axis + 4)].reduce(0) { $0 << 8 | Int($1) }
        }
        let byteCount = shape.reduce(Optional(dtype.byteWidth)) { total, extent in
            total.flatMap {
                let (product, overflow) = $0.multipliedReportingOverflow(by: extent)
                return overflow ? nil : product
            }
        }
        let available = (reader as? FileByteReader).map { $0.size - 4 - 4 * shape.count }
        guard let byteCount, byteCount <= (available ?? 1 << 36) else {
            if let byteCount, let available {
                throw DatasetError.truncated(
                    path: path,
                    detail: "its header promises \(shape) elements, \(byteCount) bytes, but \(available) follow")
            }
            throw DatasetError.wrongFormat(
                path: path, expected: "an IDX file", detail: "its header claims an impossible shape \(shape)")
        }
        var tensor = Tensor(zeros: dtype, shape: shape)
        try tensor.withUnsafeMutableBytes { try reader.readExactly(into: $0, what: "the IDX data of shape \(shape)") }
        if dtype.byteWidth > 1 { tensor.swapBytesInPlace() }
        return tensor
    }

    private static func dtype(code: UInt8) -> DType? {
        switch code {
        case 0x08: .uint8
        case 0x09: .int8
        case 0x0B: .int16
        case 0x0C: .int32
        case 0x0D: .float32
        case 0x0E: .float64
        default: nil
        }
    }
}

extension Tensor {
    /// Reverses the bytes of every element (big-endian ↔ little-endian).
    mutating func swapBytesInPlace() {
        let width = dtype.byteWidth
        guard width > 1 else { return }
        withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                var low = offset
                var high = offset + width - 1
                while low < high {
                    raw.swapAt(low, high)
                    low += 1
                    high -= 1
                }
                offset += width
            }
        }
    }

    /// The elements converted to `int32` (floats truncated; NaN, infinite or huge values become -1).
    func convertedToInt32() -> Tensor {
        let count = elementCount
        var out = Tensor(zeros: .int32, shape: shape)
        out.withUnsafeMutableBufferPointer(of: Int32.self) { target in
            for i in 0..<count {
                let value = doubleValue(atElement: i)
                target[i] = value.isFinite && abs(value) < 2e9 ? Int32(value) : -1
            }
        }
        return out
    }
}
