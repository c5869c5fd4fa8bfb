import Batching

/// Which rows of a batch tensor hold a value that is not a finite number (NaN, +Inf or -Inf),
/// so that the grid can flag those samples before anyone opens the detail view.
///
/// Only `float32` and `float64` tensors can hold such values; any other type has none. A value
/// is not finite exactly when its exponent bits are all ones, so the scan tests the exponents of
/// two `float32` (or one `float64`) at once in a 64-bit word, four words a step: it costs a
/// fraction of the float conversion even in a debug build.
///
/// ```swift
/// let images = Tensor(shape: [3, 2], scalars: [Float(0), 1, .nan, 2, 3, .infinity])
/// NonFiniteRows.find(in: images)   // [1, 2]
/// ```
public enum NonFiniteRows {
    /// The rows of `tensor` (its first axis) with at least one NaN or infinite value, ascending.
    public static func find(in tensor: Tensor) -> [Int] {
        let exponent: Exponent
        switch tensor.dtype {
        case .float32: exponent = .float32
        case .float64: exponent = .float64
        default: return []
        }
        let rowBytes = tensor.bytesPerRow
        guard rowBytes > 0 else { return [] }
        return tensor.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return [] }
            return (0..<(raw.count / rowBytes)).filter { row in
                hasNonFinite(base + row * rowBytes, bytes: rowBytes, exponent)
            }
        }
    }

    /// The rows of `tensors` (each of the same batch) with a non-finite value in any of them.
    public static func find(in tensors: [Tensor]) -> [Int] { union(tensors.map { find(in: $0) }) }

    /// The rows in any of `lists`, ascending, each once.
    static func union(_ lists: [[Int]]) -> [Int] { Array(Set(lists.joined())).sorted() }

    /// The exponent bits of the floats in a 64-bit word: `(word & mask) &+ carry` sets a `top`
    /// bit exactly where a float's exponent is all ones (the carry cannot cross into the next).
    struct Exponent {
        var mask: UInt64
        var carry: UInt64
        var top: UInt64

        static let float32 = Exponent(
            mask: 0x7F80_0000_7F80_0000, carry: 0x0080_0000_0080_0000, top: 0x8000_0000_8000_0000)
        static let float64 = Exponent(
            mask: 0x7FF0_0000_0000_0000, carry: 0x0010_0000_0000_0000, top: 0x8000_0000_0000_0000)
    }

    /// Whether the `bytes` bytes of floats at `start` hold a NaN or an infinity.
    static func hasNonFinite(_ start: UnsafeRawPointer, bytes: Int, _ exponent: Exponent) -> Bool {
        let (mask, carry) = (exponent.mask, exponent.carry)
        var seen: UInt64 = 0
        var offset = 0
        while offset + 32 <= bytes {
            let w0 = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let w1 = start.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            let w2 = start.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)
            let w3 = start.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)
            seen |= ((w0 & mask) &+ carry) | ((w1 & mask) &+ carry) | ((w2 & mask) &+ carry) | ((w3 & mask) &+ carry)
            offset += 32
        }
        while offset + 8 <= bytes {
            seen |= (start.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & mask) &+ carry
            offset += 8
        }
        if seen & exponent.top != 0 { return true }
        // A last float32 of a row with an odd count.
        return offset + 4 <= bytes && !start.loadUnaligned(fromByteOffset: offset, as: Float.self).isFinite
    }
}
