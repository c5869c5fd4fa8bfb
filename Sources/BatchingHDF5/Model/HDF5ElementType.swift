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
    /// Half-precision floats (NumPy's `float16`), which have no ``DType``: read widened to
    /// `float32` (libhdf5 converts them exactly, on the library path).
    case float16(HDF5ByteOrder)
    /// An enumeration (h5py's `enum_dtype`): read as its stored integers, its names are class
    /// names (h5py's `bool`, the members FALSE=0 and TRUE=1, is `.numeric(.bool, _)` instead).
    case enumeration(HDF5Enumeration)
    /// Anything else (compound, references, opaque …), described in words.
    case unsupported(String)

    /// The tensor element type rows are read as, for numeric data: float16 is widened to float32.
    public var dtype: DType? {
        switch self {
        case .numeric(let dtype, _): dtype
        case .float16: .float32
        case .enumeration(let enumeration): enumeration.base
        default: nil
        }
    }

    /// The element type and byte order of the stored bytes, when copying them (swapped to native
    /// order) gives what libhdf5 returns: numbers, and enumerations in native order (libhdf5
    /// converts a foreign-order enumeration by member, so a stored value that names no member
    /// reads as all ones); not float16, which is widened.
    public var storedNumber: (dtype: DType, byteOrder: HDF5ByteOrder)? {
        switch self {
        case .numeric(let dtype, let order): (dtype, order)
        case .enumeration(let enumeration) where enumeration.byteOrder == .native:
            (enumeration.base, enumeration.byteOrder)
        default: nil
        }
    }

    /// Whether the elements are text (fixed or variable length): as labels, class names.
    public var isText: Bool {
        if case .string = self { return true }
        return false
    }

    /// The enumeration, when the elements are one.
    public var enumeration: HDF5Enumeration? {
        if case .enumeration(let enumeration) = self { return enumeration }
        return nil
    }

    /// Whether the elements are half-precision floats (read widened to float32).
    public var isFloat16: Bool {
        if case .float16 = self { return true }
        return false
    }

    /// The stored byte order, for numeric data (float16 included).
    public var byteOrder: HDF5ByteOrder? {
        switch self {
        case .numeric(_, let order), .float16(let order): order
        case .enumeration(let enumeration): enumeration.byteOrder
        default: nil
        }
    }
}

extension HDF5ElementType: CustomStringConvertible {
    /// NumPy's spelling: `uint8`, `<i8`, `>f4`, `<f2`, `|S8`, `str`, or the unsupported description.
    public var description: String {
        switch self {
        case .numeric(let dtype, let order):
            if dtype.byteWidth == 1 { return dtype.numpyName }
            let code = String(dtype.numpyDescriptor.dropFirst())
            return (order == .little ? "<" : ">") + code
        case .string(let length):
            return length.map { "|S\($0)" } ?? "str"
        case .float16(let order):
            return (order == .little ? "<" : ">") + "f2"
        case .enumeration(let enumeration):
            return enumeration.description
        case .unsupported(let text):
            return text
        }
    }

    /// Words for error messages: "text strings (|S3)", "float16 (half-precision) numbers", "uint8".
    var prose: String {
        switch self {
        case .string: "text strings (\(description))"
        case .float16: "float16 (half-precision) numbers"
        default: description
        }
    }
}
