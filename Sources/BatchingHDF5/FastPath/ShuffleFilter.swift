/// The HDF5 shuffle filter (filter id 2) and its inverse.
///
/// The filter stores the first byte of every element, then the second byte of every element, and
/// so on, which makes numeric data compress better; trailing bytes that do not make a whole
/// element are stored as they are. ``unshuffle(_:into:elementSize:)`` undoes it.
///
/// ```swift
/// // two 2-byte elements 0x0201, 0x0403 (little endian: 01 02 03 04) are stored as 01 03 02 04
/// ShuffleFilter.unshuffle(stored, into: elements, elementSize: 2)   // 01 02 03 04
/// ```
public enum ShuffleFilter {
    /// Writes the elements whose bytes `source` holds in shuffled (byte-plane) order into
    /// `destination` in their natural order.
    ///
    /// - Precondition: both buffers have the same size.
    public static func unshuffle(
        _ source: UnsafeRawBufferPointer,
        into destination: UnsafeMutableRawBufferPointer, elementSize: Int
    ) {
        transpose(source, into: destination, elementSize: elementSize) { input, output, count in
            for plane in 0..<elementSize {
                let planeStart = input + plane * count
                var out = output + plane
                for i in 0..<count {
                    out.pointee = planeStart[i]
                    out += elementSize
                }
            }
        }
    }

    /// Writes `source`'s elements into `destination` in shuffled order; the forward filter, used
    /// by tests to build shuffled data independently of any HDF5 writer.
    public static func shuffle(
        _ source: UnsafeRawBufferPointer,
        into destination: UnsafeMutableRawBufferPointer, elementSize: Int
    ) {
        transpose(source, into: destination, elementSize: elementSize) { input, output, count in
            for plane in 0..<elementSize {
                for i in 0..<count { output[plane * count + i] = input[i * elementSize + plane] }
            }
        }
    }

    /// The framing both directions share: whole elements go through `planes` (given the input,
    /// the output and the element count); a single-byte type or element is a plain copy, and the
    /// bytes past the last whole element are copied as they are, as libhdf5 does.
    private static func transpose(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer,
        elementSize: Int,
        _ planes: (UnsafePointer<UInt8>, UnsafeMutablePointer<UInt8>, Int) -> Void
    ) {
        // The chunk decoder checks a stored chunk's size against the decoded one before unshuffling
        // (a wrong size is a corrupt-chunk error), so equal sizes here are the caller's invariant.
        precondition(source.count == destination.count, "the shuffle filter needs equal-sized buffers")
        guard let from = source.baseAddress, let to = destination.baseAddress else { return }
        let count = source.count / max(elementSize, 1)
        if elementSize <= 1 || count <= 1 {
            to.copyMemory(from: from, byteCount: source.count)
            return
        }
        planes(from.assumingMemoryBound(to: UInt8.self), to.assumingMemoryBound(to: UInt8.self), count)
        let tail = source.count - count * elementSize
        if tail > 0 { (to + count * elementSize).copyMemory(from: from + count * elementSize, byteCount: tail) }
    }
}
