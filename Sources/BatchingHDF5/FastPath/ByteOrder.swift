/// Reverses the bytes of every element in a buffer, turning big-endian data little-endian and
/// back.
///
/// HDF5 files record each dataset's byte order; data written on a big-endian machine (or as
/// `>f4` by NumPy) is swapped once it is read, so readers hand out native-order rows.
///
/// ```swift
/// ByteOrder.swapElements(in: buffer, elementSize: 4)   // 00 00 80 3f → 3f 80 00 00
/// ```
public enum ByteOrder {
    /// Whether this machine stores numbers little-endian.
    public static let hostIsLittleEndian = 1.littleEndian == 1

    /// Reverses the bytes of each `elementSize`-byte element of `buffer` in place; sizes other
    /// than 2, 4 and 8 leave the buffer unchanged.
    public static func swapElements(in buffer: UnsafeMutableRawBufferPointer, elementSize: Int) {
        guard let base = buffer.baseAddress else { return }
        let count = buffer.count / max(elementSize, 1)
        switch elementSize {
        case 2:
            for i in 0..<count {
                let p = base + i * 2
                p.storeBytes(of: p.loadUnaligned(as: UInt16.self).byteSwapped, as: UInt16.self)
            }
        case 4:
            for i in 0..<count {
                let p = base + i * 4
                p.storeBytes(of: p.loadUnaligned(as: UInt32.self).byteSwapped, as: UInt32.self)
            }
        case 8:
            for i in 0..<count {
                let p = base + i * 8
                p.storeBytes(of: p.loadUnaligned(as: UInt64.self).byteSwapped, as: UInt64.self)
            }
        default:
            return
        }
    }
}
