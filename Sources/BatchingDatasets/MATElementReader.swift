import Batching

/// Decodes the parts of a MATLAB 5 data element: tags (normal and small-element form) and the
/// sub-elements of an `miMATRIX`.
struct _MATElementReader {
    static let miINT8: UInt32 = 1, miUINT8: UInt32 = 2, miINT16: UInt32 = 3, miUINT16: UInt32 = 4
    static let miINT32: UInt32 = 5, miUINT32: UInt32 = 6, miSINGLE: UInt32 = 7, miDOUBLE: UInt32 = 9
    static let miINT64: UInt32 = 12, miUINT64: UInt32 = 13, miMATRIX: UInt32 = 14, miCOMPRESSED: UInt32 = 15

    /// Whether the file was written big-endian (its header's endian indicator reads "MI").
    let bigEndian: Bool

    func uint32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        let ordered = bigEndian ? Swift.Array(bytes) : bytes.reversed()
        return ordered.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A tag's data type and byte count.
    func tag(_ bytes: [UInt8]) -> (type: UInt32, size: Int) {
        (uint32(bytes[0..<4]), Int(uint32(bytes[4..<8])))
    }

    /// Reads one sub-element: returns its type and payload, handling the small-element form (a
    /// payload of up to 4 bytes packed into the tag) and padding to 8 bytes.
    func subelement(_ reader: ByteReader, what: String) throws -> (type: UInt32, bytes: [UInt8]) {
        let tagBytes = try reader.readBytes(8, what: what)
        let first = uint32(tagBytes[0..<4])
        if first >> 16 != 0 { // small data element: size in the high half, type in the low
            let size = Int(first >> 16)
            guard size <= 4 else {
                throw DatasetError.wrongFormat(
                    path: reader.path, expected: "a MATLAB 5 .mat file", detail: "a small element claims \(size) bytes")
            }
            return (first & 0xffff, Swift.Array(tagBytes[4..<(4 + size)]))
        }
        let size = Int(uint32(tagBytes[4..<8]))
        let bytes = try reader.readBytes(size, what: what)
        try reader.skip((8 - size % 8) % 8, what: "padding after \(what)")
        return (first, bytes)
    }

    /// Reads an `miMATRIX` body; returns nil when its name is not wanted.
    func matrix(_ reader: BoundedReader, wanted: Set<String>?) throws -> MATFileReader.Array? {
        let flags = try subelement(reader, what: "array flags")
        guard flags.bytes.count >= 4 else {
            throw DatasetError.truncated(path: reader.path, detail: "an array's flags are cut short")
        }
        let flagWord = uint32(flags.bytes[0..<4])
        let classID = UInt8(flagWord & 0xff)
        let dims = try subelement(reader, what: "array dimensions")
        let dimensions = stride(from: 0, to: dims.bytes.count - 3, by: 4).map {
            Int(Int32(bitPattern: uint32(dims.bytes[$0..<($0 + 4)])))
        }
        let name = String(decoding: try subelement(reader, what: "array name").bytes, as: UTF8.self)
        if let wanted, !wanted.contains(name) { return nil }
        guard let classType = Self.classDType(classID) else {
            throw DatasetError.unsupported(
                path: reader.path,
                detail: "variable \(name) is a MATLAB \(Self.className(classID)), not a numeric array")
        }
        guard flagWord & 0x0800 == 0 else {
            throw DatasetError.unsupported(
                path: reader.path, detail: "variable \(name) is complex; only real arrays are read")
        }
        let count = dimensions.reduce(Optional(1)) { total, extent in
            guard let total, extent >= 0 else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: extent)
            return overflow || product > 1 << 40 ? nil : product
        }
        guard let count else {
            throw DatasetError.wrongFormat(
                path: reader.path, expected: "a MATLAB 5 .mat file",
                detail: "variable \(name) has impossible dimensions \(dimensions)")
        }
        let realTag = try reader.readBytes(8, what: "the values of \(name)")
        let first = uint32(realTag[0..<4])
        let isSmall = first >> 16 != 0
        let storageType = isSmall ? first & 0xffff : first
        let size = isSmall ? Int(first >> 16) : Int(uint32(realTag[4..<8]))
        guard let storage = Self.storageDType(storageType) else {
            throw DatasetError.unsupported(
                path: reader.path, detail: "variable \(name) stores its values as MATLAB data type \(storageType)")
        }
        guard size == count * storage.byteWidth else {
            throw DatasetError.wrongFormat(
                path: reader.path, expected: "a consistent MATLAB 5 .mat file",
                detail: "variable \(name) has \(size) bytes of values for \(dimensions) \(storage) elements")
        }
        guard isSmall || size <= reader.remaining else {
            throw DatasetError.truncated(
                path: reader.path,
                detail: "variable \(name) needs \(size) bytes but its element holds \(reader.remaining)")
        }
        var values = Tensor(zeros: storage, shape: [count])
        try values.withUnsafeMutableBytes { raw in
            if isSmall {
                raw.copyBytes(from: realTag[4..<(4 + size)])
            } else {
                try reader.readExactly(into: raw, what: "the values of \(name)")
            }
        }
        if bigEndian { values.swapBytesInPlace() }
        if storage != classType { values = values.converted(to: classType) }
        return MATFileReader.Array(name: name, dimensions: dimensions, values: values)
    }

    static func classDType(_ id: UInt8) -> DType? {
        switch id {
        case 6: .float64
        case 7: .float32
        case 8: .int8
        case 9: .uint8
        case 10: .int16
        case 11: .uint16
        case 12: .int32
        case 13: .uint32
        case 14: .int64
        case 15: .uint64
        default: nil
        }
    }

    static func className(_ id: UInt8) -> String {
        switch id {
        case 1: "cell array"
        case 2: "struct"
        case 3: "object"
        case 4: "char array"
        case 5: "sparse array"
        default: "class \(id)"
        }
    }

    static func storageDType(_ type: UInt32) -> DType? {
        switch type {
        case miINT8: .int8
        case miUINT8: .uint8
        case miINT16: .int16
        case miUINT16: .uint16
        case miINT32: .int32
        case miUINT32: .uint32
        case miSINGLE: .float32
        case miDOUBLE: .float64
        case miINT64: .int64
        case miUINT64: .uint64
        default: nil
        }
    }
}

extension Tensor {
    /// The elements converted to `dtype` by value (through `Double`, exact for every storage
    /// type MATLAB uses to shrink an array).
    func converted(to target: DType) -> Tensor {
        var out = Tensor(zeros: target, shape: shape)
        let count = elementCount
        out.withUnsafeMutableBytes { raw in
            for i in 0..<count {
                let v = doubleValue(atElement: i)
                let n = v.isFinite ? Int(max(min(v, 9.2e18), -9.2e18)) : 0
                switch target {
                case .float64: raw.storeBytes(of: v, toByteOffset: i * 8, as: Double.self)
                case .float32: raw.storeBytes(of: Float(v), toByteOffset: i * 4, as: Float.self)
                case .int8: raw.storeBytes(of: Int8(clamping: n), toByteOffset: i, as: Int8.self)
                case .uint8, .bool: raw.storeBytes(of: UInt8(clamping: n), toByteOffset: i, as: UInt8.self)
                case .int16: raw.storeBytes(of: Int16(clamping: n), toByteOffset: i * 2, as: Int16.self)
                case .uint16: raw.storeBytes(of: UInt16(clamping: n), toByteOffset: i * 2, as: UInt16.self)
                case .int32: raw.storeBytes(of: Int32(clamping: n), toByteOffset: i * 4, as: Int32.self)
                case .uint32: raw.storeBytes(of: UInt32(clamping: n), toByteOffset: i * 4, as: UInt32.self)
                case .int64: raw.storeBytes(of: Int64(n), toByteOffset: i * 8, as: Int64.self)
                case .uint64: raw.storeBytes(of: UInt64(max(n, 0)), toByteOffset: i * 8, as: UInt64.self)
                }
            }
        }
        return out
    }
}
