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
            let order: HDF5ByteOrder = H5Tget_order(type) == H5T_ORDER_BE ? .big : .little
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
            let order: HDF5ByteOrder = H5Tget_order(type) == H5T_ORDER_BE ? .big : .little
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
            if size == 1 && H5Tget_nmembers(type) == 2 { return .numeric(.bool, .little) }
            return .unsupported("an enumeration")
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

    /// The memory type to read `elementType` with: the native type of its dtype, or for `bool`
    /// (an enum in the file) the native copy of the file's enum type, which the caller owns.
    static func memoryType(for fileType: hid_t, elementType: HDF5ElementType) -> (id: hid_t, owned: HDF5Handle?)? {
        guard let dtype = elementType.dtype else { return nil }
        if dtype == .bool {
            let native = H5Tget_native_type(fileType, H5T_DIR_ASCEND)
            guard native >= 0 else { return nil }
            return (native, HDF5Handle(native))
        }
        return (HDF5Library.nativeType(dtype), nil)
    }
}
