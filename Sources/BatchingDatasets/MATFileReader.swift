import Batching

/// Reads numeric arrays from MATLAB 5 `.mat` files (what MATLAB's `save -v6`/`-v7` and
/// `scipy.io.savemat` write), the format SVHN is published in.
///
/// A v5 file is a 128-byte header followed by data elements, each an 8-byte tag (type, byte count)
/// and its data padded to 8 bytes. A variable is an `miMATRIX` element — array flags, dimensions,
/// name, real part — possibly wrapped in an `miCOMPRESSED` element holding it zlib-compressed.
/// Values are stored column-major, in the smallest type that holds them (MATLAB may store a
/// `double` array as `uint8`), so each array is converted to its MATLAB class's type here.
/// Files written in either byte order are read. v7.3 files (HDF5) are refused with a sentence.
///
/// ```swift
/// let vars = try MATFileReader.read(path: "train_32x32.mat", variables: ["X", "y"])
/// vars["X"]?.dimensions   // [32, 32, 3, 73257], column-major
/// ```
public enum MATFileReader {
    /// One numeric array: its MATLAB dimensions and its values, column-major, as a flat tensor.
    public struct Array: Sendable {
        /// The variable's name.
        public var name: String
        /// MATLAB's dimensions, first (fastest-varying) first.
        public var dimensions: [Int]
        /// The values in column-major order, shape `[product of dimensions]`, typed by MATLAB class.
        public var values: Tensor
    }

    /// The arrays named in `variables` (every numeric array when `nil`) from the file at `path`.
    ///
    /// - Throws: ``DatasetError`` for a file that is not MATLAB 5, is truncated, has a damaged
    ///   compressed element, or stores a wanted variable as something other than a real numeric array.
    public static func read(path: String, variables: Set<String>? = nil) throws -> [String: Array] {
        let file = try FileByteReader(path: path)
        let header = try file.readUpTo(128)
        let text = String(decoding: header.prefix(116), as: UTF8.self)
        if text.hasPrefix("MATLAB 7.3") {
            throw DatasetError.unsupported(
                path: path,
                detail: "it is a MATLAB 7.3 (HDF5) file; save it again with save(..., '-v7') or open it as HDF5")
        }
        let indicator = header.count == 128 ? String(decoding: header[126..<128], as: UTF8.self) : ""
        guard indicator == "IM" || indicator == "MI", header.prefix(4).allSatisfy({ $0 != 0 }) else {
            throw DatasetError.wrongFormat(
                path: path, expected: "a MATLAB 5 .mat file",
                detail: "its 128-byte header has no MATLAB 5 text and endian indicator")
        }
        let elements = _MATElementReader(bigEndian: header[126] == 0x4D)
        var found: [String: Array] = [:]
        while true {
            let tagBytes = try file.readUpTo(8)
            if tagBytes.isEmpty { break }
            guard tagBytes.count == 8 else {
                throw DatasetError.truncated(path: path, detail: "the file stops inside a data element's tag")
            }
            let (type, size) = elements.tag(tagBytes)
            switch type {
            case _MATElementReader.miCOMPRESSED:
                let inflated = try InflateReader(file, framing: .zlib, compressedLength: size)
                let innerTag = try inflated.readBytes(8, what: "a compressed element's tag")
                let (innerType, innerSize) = elements.tag(innerTag)
                if innerType == _MATElementReader.miMATRIX,
                    let array = try elements.matrix(BoundedReader(inflated, length: innerSize), wanted: variables)
                {
                    found[array.name] = array
                }
                // The rest of this element's compressed bytes are skipped, decoded or not.
                try? inflated.skipToEnd()
                try file.skip(inflated.unreadCompressedBytes, what: "a compressed element")
            case _MATElementReader.miMATRIX:
                let body = BoundedReader(file, length: size)
                if let array = try elements.matrix(body, wanted: variables) { found[array.name] = array }
                try body.skipRest()
                try file.skip((8 - size % 8) % 8, what: "element padding")
            default:
                try file.skip((size + 7) / 8 * 8, what: "a data element")
            }
            if let variables, variables.isSubset(of: Set(found.keys)) { break }
        }
        return found
    }
}

extension InflateReader {
    /// Inflates and discards the rest of the stream.
    func skipToEnd() throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { scratch.deallocate() }
        while try read(into: scratch) > 0 {}
    }
}
