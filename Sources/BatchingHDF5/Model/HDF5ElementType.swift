import Batching

/// The byte order of a stored numeric type.
public enum HDF5ByteOrder: String, Sendable, Hashable, Codable {
    case little, big

    /// The byte order of this machine.
    public static var native: HDF5ByteOrder { 1.littleEndian == 1 ? .little : .big }
}

/// What one element of a dataset or attribute is, as stored in the file.
///
/// ```swift
/// let type = HDF5ElementType.numeric(.float32, .big)
/// type.dtype        // .float32
/// type.description  // ">f4"
/// ```
public enum HDF5ElementType: Sendable, Hashable {
    /// A number the library can convert to a ``DType``, stored in the given byte order.
    case numeric(DType, HDF5ByteOrder)
    /// Text, fixed length (`length` bytes) or variable length (`length == nil`).
    case string(length: Int?)
    /// Anything else (compound, float16, references, opaque …), described in words.
    case unsupported(String)

    /// The tensor element type, for numeric data.
    public var dtype: DType? {
        if case .numeric(let dtype, _) = self { return dtype }
        return nil
    }

    /// The stored byte order, for numeric data.
    public var byteOrder: HDF5ByteOrder? {
        if case .numeric(_, let order) = self { return order }
        return nil
    }
}

extension HDF5ElementType: CustomStringConvertible {
    /// NumPy's spelling: `uint8`, `<i8`, `>f4`, `|S8`, `str`, or the unsupported description.
    public var description: String {
        switch self {
        case .numeric(let dtype, let order):
            if dtype.byteWidth == 1 { return dtype.numpyName }
            let code = String(dtype.numpyDescriptor.dropFirst())
            return (order == .little ? "<" : ">") + code
        case .string(let length):
            return length.map { "|S\($0)" } ?? "str"
        case .unsupported(let text):
            return text
        }
    }

    /// Words for error messages: "byte strings (|S3)", "uint8".
    var prose: String {
        switch self {
        case .string: "text strings (\(description))"
        default: description
        }
    }
}
