import Batching
import CHDF5

/// Reads an HDF5 enumeration type: h5py's `bool` (FALSE=0, TRUE=1 over one byte) as
/// `.numeric(.bool, _)`, any other enumeration of integers as `.enumeration` with its members.
enum HDF5EnumerationReader {
    /// The element type of the enumeration type `type` (whose class the caller checked).
    static func elementType(_ type: hid_t) -> HDF5ElementType {
        let count = Int(H5Tget_nmembers(type))
        guard count > 0, count <= HDF5Enumeration.largestMemberCount else {
            _ = HDF5Library.takeErrorMessage()
            return .unsupported("an enumeration of \(count) members")
        }
        let baseID = H5Tget_super(type)
        guard baseID >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            return .unsupported("an enumeration of an unreadable base type")
        }
        let base = HDF5Handle(baseID)
        guard case .numeric(let dtype, let order) = HDF5TypeReader.elementType(base.id), dtype.isInteger,
            H5Tget_size(type) == dtype.byteWidth
        else { return .unsupported("an enumeration of \(HDF5TypeReader.elementType(base.id).prose)") }
        var members = [HDF5Enumeration.Member]()
        for index in 0..<count {
            guard let member = member(type, index: UInt32(index), dtype: dtype, order: order) else {
                _ = HDF5Library.takeErrorMessage()
                return .unsupported("an enumeration with an unreadable member (or a value past 2^63)")
            }
            members.append(member)
        }
        if dtype.byteWidth == 1, members.map(\.name) == ["FALSE", "TRUE"], members.map(\.value) == [0, 1] {
            return .numeric(.bool, .little)
        }
        return .enumeration(HDF5Enumeration(base: dtype, byteOrder: order, members: members))
    }

    /// Member `index`: its name (libhdf5 allocates it; freed here) and its value, stored in the
    /// type's byte order.
    private static func member(_ type: hid_t, index: UInt32, dtype: DType, order: HDF5ByteOrder)
        -> HDF5Enumeration.Member?
    {
        guard let cName = H5Tget_member_name(type, index) else { return nil }
        let name = String(cString: cName)
        H5free_memory(cName)
        var bytes = [UInt8](repeating: 0, count: dtype.byteWidth)
        guard H5Tget_member_value(type, index, &bytes) >= 0 else { return nil }
        if order == .big { bytes.reverse() }
        // Little-endian now: widen to 64 bits, sign-extending a signed type.
        var bits: UInt64 = 0
        for (position, byte) in bytes.enumerated() { bits |= UInt64(byte) << (8 * UInt64(position)) }
        let width = dtype.byteWidth * 8
        if dtype.isSignedInteger, width < 64, bits & (1 << UInt64(width - 1)) != 0 { bits |= ~0 << UInt64(width) }
        if !dtype.isSignedInteger, bits > UInt64(Int.max) { return nil }
        return HDF5Enumeration.Member(name: name, value: Int(Int64(bitPattern: bits)))
    }
}
