import Batching

/// An HDF5 enumeration type (h5py's `enum_dtype`): integers of a base type, some of which have
/// names. Rows read as the stored integers; the names become class names.
///
/// ```swift
/// let kinds = HDF5Enumeration(base: .uint16, byteOrder: .little, members: [
///     .init(name: "cat", value: 0), .init(name: "dog", value: 7),
/// ])
/// kinds.classNames   // ["cat", "1", "2", "3", "4", "5", "6", "dog"]: indexed by value
/// kinds.description  // "enum <u2 {cat=0, dog=7}"
/// ```
public struct HDF5Enumeration: Sendable, Hashable {
    /// One named value.
    public struct Member: Sendable, Hashable {
        /// The member's name.
        public var name: String
        /// Its integer value.
        public var value: Int

        public init(name: String, value: Int) {
            self.name = name
            self.value = value
        }
    }

    /// The integer type the values are stored as.
    public var base: DType
    /// The stored byte order of the values.
    public var byteOrder: HDF5ByteOrder
    /// The named values, in the type's order.
    public var members: [Member]

    /// The most members a type may have: HDF5's type message counts them in 16 bits.
    public static let largestMemberCount = 65_535
    /// Class names are listed for values `0..<largestClassValue` (every `uint16`): a longer list
    /// would be mostly numbers.
    public static let largestClassValue = 65_536

    public init(base: DType, byteOrder: HDF5ByteOrder, members: [Member]) {
        self.base = base
        self.byteOrder = byteOrder
        self.members = members
    }

    /// Class names indexed by label value: the member's name where a member has that value, the
    /// value written out elsewhere (as labels without names are shown), up to the largest member
    /// value; `nil` when no member's value is in `0..<largestClassValue`. Members outside that
    /// range keep their values as labels but have no entry here.
    public var classNames: [String]? {
        let listed = members.filter { $0.value >= 0 && $0.value < Self.largestClassValue }
        guard let largest = listed.map(\.value).max() else { return nil }
        var names = (0...largest).map(String.init)
        for member in listed { names[member.value] = member.name }
        return names
    }

    /// The members whose values have no place in ``classNames``.
    public var unlistedMembers: [Member] {
        members.filter { $0.value < 0 || $0.value >= Self.largestClassValue }
    }

    /// The members as `name=value`, at most `limit` of them, then how many more.
    public func memberList(limit: Int = 8) -> String {
        let shown = members.prefix(limit).map { "\($0.name)=\($0.value)" }
        let more = members.count > limit ? ", … \(members.count - limit) more" : ""
        return shown.joined(separator: ", ") + more
    }
}

extension HDF5Enumeration: CustomStringConvertible {
    /// `enum` with the base type in NumPy's spelling and the members: `enum int8 {cat=0, dog=1}`.
    public var description: String {
        "enum \(HDF5ElementType.numeric(base, byteOrder)) {\(memberList())}"
    }
}
