import Batching
import CHDF5

/// Turns libhdf5 datatypes into ``HDF5ElementType`` values.
enum HDF5TypeReader {
    /// The element type a datatype identifier describes.
    static func elementType(_ type: hid_t) -> HDF5ElementType {
        let size = H5Tget_size(type)
        switch H5Tget_class(type) {
        case H5T_INTEGER:
            let signed = H5Tget_sign(type) == H5T_SGN_2
            guard let order = byteOrder(type, size: size), H5Tget_precision(type) == size * 8, H5Tget_offset(type) == 0
            else { return .unsupported(unusualLayout(type, size: size, kind: "integers")) }
            let dtype: DType?
            switch (size, signed) {
            case (1, true): dtype = .int8
            case (1, false): dtype = .uint8
            case (2, true): dtype = .int16
            case (2, false): dtype = .uint16
            case (4, true): dtype = .int32
            case (4, false): dtype = .uint32
            case (8, true): dtype = .int64
            case (8, false): dtype = .uint64
            default: dtype = nil
            }
            return dtype.map { .numeric($0, order) } ?? .unsupported("\(size)-byte integers")
        case H5T_FLOAT:
            guard let order = byteOrder(type, size: size), isIEEE(type, size: size) else {
                return .unsupported(unusualLayout(type, size: size, kind: "floats"))
            }
            switch size {
            case 4: return .numeric(.float32, order)
            case 8: return .numeric(.float64, order)
            case 2: return .float16(order)
            default: return .unsupported("float\(size * 8) numbers")
            }
        case H5T_STRING:
            return H5Tis_variable_str(type) > 0 ? .string(length: nil) : .string(length: size)
        case H5T_ENUM:
            // h5py stores bool as an enum of int8 with the members FALSE and TRUE.
            return HDF5EnumerationReader.elementType(type)
        case H5T_COMPOUND: return .unsupported("compound records")
        case H5T_ARRAY: return .unsupported("fixed-size arrays per element")
        case H5T_VLEN: return .unsupported("variable-length sequences")
        case H5T_REFERENCE: return .unsupported("object references")
        case H5T_OPAQUE: return .unsupported("opaque bytes")
        case H5T_BITFIELD: return .unsupported("bit fields")
        case H5T_TIME: return .unsupported("time values")
        default: return .unsupported("an unknown type")
        }
    }

    /// The byte order of a numeric type of `size` bytes: little or big (a single byte has none);
    /// `nil` for any other (VAX, mixed, or a damaged header's value).
    private static func byteOrder(_ type: hid_t, size: Int) -> HDF5ByteOrder? {
        switch H5Tget_order(type) {
        case H5T_ORDER_LE: .little
        case H5T_ORDER_BE: .big
        case H5T_ORDER_NONE where size == 1: .little
        default: nil
        }
    }

    /// Whether a float type of `size` bytes is laid out exactly as IEEE 754 half, single or
    /// double precision (sign, exponent and mantissa positions and sizes, exponent bias, implied
    /// normalisation, every bit used): only such floats are read, by either path, because only
    /// they mean what NumPy's float16/32/64 mean.
    private static func isIEEE(_ type: hid_t, size: Int) -> Bool {
        // (sign position, exponent position, exponent bits, mantissa bits, bias) per size.
        let expected: (Int, Int, Int, Int, Int)
        switch size {
        case 2: expected = (15, 10, 5, 10, 15)
        case 4: expected = (31, 23, 8, 23, 127)
        case 8: expected = (63, 52, 11, 52, 1023)
        default: return false
        }
        var sign = 0
        var exponentPosition = 0
        var exponentBits = 0
        var mantissaPosition = 0
        var mantissaBits = 0
        guard H5Tget_fields(type, &sign, &exponentPosition, &exponentBits, &mantissaPosition, &mantissaBits) >= 0
        else {
            _ = HDF5Library.takeErrorMessage()
            return false
        }
        return (sign, exponentPosition, exponentBits, mantissaBits, H5Tget_ebias(type)) == expected
            && mantissaPosition == 0 && H5Tget_norm(type) == H5T_NORM_IMPLIED
            && H5Tget_precision(type) == size * 8 && H5Tget_offset(type) == 0
    }

    /// Words for a numeric type whose bit layout is not the standard one of its size.
    private static func unusualLayout(_ type: hid_t, size: Int, kind: String) -> String {
        "\(size)-byte \(kind) of a non-standard bit layout (\(H5Tget_precision(type)) bits at bit \(H5Tget_offset(type)))"
    }

    /// The memory type to read `elementType` with: the native type of its dtype, or for `bool`
    /// and other enumerations the native copy of the file's enum type (libhdf5 converts enums
    /// only to enums; the copy's bytes are the values in native order), which the caller owns.
    static func memoryType(for fileType: hid_t, elementType: HDF5ElementType) -> (id: hid_t, owned: HDF5Handle?)? {
        guard let dtype = elementType.dtype else { return nil }
        if dtype == .bool || elementType.enumeration != nil {
            let native = H5Tget_native_type(fileType, H5T_DIR_ASCEND)
            guard native >= 0 else { return nil }
            return (native, HDF5Handle(native))
        }
        return (HDF5Library.nativeType(dtype), nil)
    }
}
