/// The element type of a ``Tensor``, chosen at run time.
///
/// Files say what they hold only when they are opened, so a tensor carries its element type as a
/// value rather than as a generic parameter. Every integer width, signed and unsigned, and both
/// IEEE float widths are supported; `bool` is stored as one byte (0 or 1).
public enum DType: String, Sendable, Hashable, CaseIterable, Codable {
    case bool
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float32, float64

    /// The size of one element in bytes.
    public var byteWidth: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// Whether the type is one of the two floating-point types.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// Whether the type is a signed integer type.
    public var isSignedInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: true
        default: false
        }
    }

    /// Whether the type is an integer type (signed or unsigned), `bool` excluded.
    public var isInteger: Bool { !isFloatingPoint && self != .bool }

    /// The name NumPy gives this type (`uint8`, `float32`, …), used in text output.
    public var numpyName: String { rawValue }

    /// The NumPy array-interface type string for little-endian data (`|u1`, `<f4`, …).
    public var numpyDescriptor: String {
        switch self {
        case .bool: "|b1"
        case .int8: "|i1"
        case .uint8: "|u1"
        case .int16: "<i2"
        case .uint16: "<u2"
        case .int32: "<i4"
        case .uint32: "<u4"
        case .int64: "<i8"
        case .uint64: "<u8"
        case .float32: "<f4"
        case .float64: "<f8"
        }
    }
}

/// A Swift scalar type that can be the element of a ``Tensor``.
public protocol TensorElement: Sendable {
    /// The run-time element type that corresponds to `Self`.
    static var dtype: DType { get }
}

extension Bool: TensorElement { public static var dtype: DType { .bool } }
extension Int8: TensorElement { public static var dtype: DType { .int8 } }
extension Int16: TensorElement { public static var dtype: DType { .int16 } }
extension Int32: TensorElement { public static var dtype: DType { .int32 } }
extension Int64: TensorElement { public static var dtype: DType { .int64 } }
extension UInt8: TensorElement { public static var dtype: DType { .uint8 } }
extension UInt16: TensorElement { public static var dtype: DType { .uint16 } }
extension UInt32: TensorElement { public static var dtype: DType { .uint32 } }
extension UInt64: TensorElement { public static var dtype: DType { .uint64 } }
extension Float: TensorElement { public static var dtype: DType { .float32 } }
extension Double: TensorElement { public static var dtype: DType { .float64 } }
