/// One object header (a group's or a dataset's) read from the file's bytes, with the checks
/// libhdf5 2.0 makes on every header it loads (`H5O__prefix_deserialize` and
/// `H5O__chunk_deserialize` in `H5Ocache.c`) — some of which Debian's libhdf5 1.10 skips, so it
/// reads files that h5py refuses.
///
/// Both header versions are walked, chunk by chunk through continuation messages: version 1
/// (16-byte prefix, 8-byte message headers, sizes aligned to 8) and version 2 (`OHDR`, `OCHK`
/// chunks, 4- or 6-byte message headers). Every size and address is checked against the chunk
/// and the file; at most ``chunkLimit`` chunks and ``HDF5FileBytes/largestRead`` bytes a chunk
/// are read.
///
/// ```swift
/// switch HDF5ObjectHeader.read(at: 800, in: bytes) {
/// case .read(let header): header.messages.map(\.type)   // [1, 3, 5, 11, 8, 18, 0]
/// case .damaged(let problem): print(problem)            // "its object header has a gap …"
/// case .unchecked: break                                // not readable here: left to libhdf5
/// }
/// ```
struct HDF5ObjectHeader {
    /// One message: its type, its flags and its body.
    struct Message {
        var type: Int
        var flags: UInt8
        var body: [UInt8]
    }

    /// What reading a header found.
    enum Outcome {
        /// The header passed every check.
        case read(HDF5ObjectHeader)
        /// The header is damaged in a way libhdf5 2.0 refuses; the clause says how.
        case damaged(String)
        /// The header could not be read here (outside the file, too many chunks); libhdf5, which
        /// opened the object, is left to judge it.
        case unchecked
    }

    /// The header's version (1 or 2).
    var version: Int
    /// Every message, in file order across chunks.
    var messages: [Message]

    /// The most chunks (the first and its continuations) read of one header.
    static let chunkLimit = 1024
    /// Message types libhdf5 knows (`H5O_msg_class_g`, 0 to 24) but that cannot be shared: such
    /// a message flagged shared (0x02) or shareable (0x40) is refused by libhdf5 2.0. (Found by
    /// flagging each type in turn and opening the file with h5py; type 9 has no class.)
    static let unshareableTypes: Set<Int> = [0, 2, 6, 7, 8, 10, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]

    /// A header chunk: where its messages start and how many bytes they span.
    private struct Chunk {
        var address: UInt64
        var length: UInt64
    }

    /// Reads and checks the header at HDF5 address `address` of `bytes`.
    static func read(at address: UInt64, in bytes: HDF5FileBytes) -> Outcome {
        guard let signature = bytes.read(at: address, count: 4) else { return .unchecked }
        if signature == Array("OHDR".utf8) { return readVersion2(at: address, in: bytes) }
        guard let prefix = bytes.read(at: address, count: 16), prefix[0] == 1,
            let stated = prefix.littleEndian(at: 2, width: 2), let size = prefix.littleEndian(at: 8, width: 4)
        else { return .unchecked }
        if (stated > 0 && size < 8) || (stated == 0 && size > 0) {
            return .damaged("its object header's first chunk of \(size) bytes cannot hold its \(stated) messages")
        }
        var walk = Walk(version: 1, messageHeader: 8, bytes: bytes)
        if let problem = walk.run(first: Chunk(address: address + 16, length: size)) { return problem }
        guard UInt64(walk.messages.count) <= stated else {
            return .damaged("its object header says it holds \(stated) messages but holds \(walk.messages.count)")
        }
        return .read(HDF5ObjectHeader(version: 1, messages: walk.messages))
    }

    private static func readVersion2(at address: UInt64, in bytes: HDF5FileBytes) -> Outcome {
        guard let prefix = bytes.read(at: address, count: 6 + 16 + 4 + 8), prefix[4] == 2 else { return .unchecked }
        let flags = prefix[5]
        guard flags & ~0x3F == 0 else {
            return .damaged("its object header has unknown status flags 0x\(String(flags, radix: 16))")
        }
        var position = 6 + (flags & 0x20 != 0 ? 16 : 0)
        if flags & 0x10 != 0 {
            guard let most = prefix.littleEndian(at: position, width: 2),
                let least = prefix.littleEndian(at: position + 2, width: 2)
            else { return .unchecked }
            if most < least { return .damaged("its object header's attribute storage limits are inverted") }
            position += 4
        }
        let width = 1 << Int(flags & 0x03)
        guard let size = prefix.littleEndian(at: position, width: width) else { return .unchecked }
        let messageHeader = flags & 0x04 != 0 ? 6 : 4
        if size > 0, size < messageHeader {
            return .damaged("its object header's first chunk of \(size) bytes cannot hold a message")
        }
        var walk = Walk(version: 2, messageHeader: messageHeader, bytes: bytes)
        let start = address + UInt64(position + width)
        if let problem = walk.run(first: Chunk(address: start, length: size)) { return problem }
        return .read(HDF5ObjectHeader(version: 2, messages: walk.messages))
    }

    /// The walk over one header's chunks, collecting messages and continuation chunks.
    private struct Walk {
        let version: Int
        let messageHeader: Int
        let bytes: HDF5FileBytes
        var messages: [Message] = []
        var chunks: [Chunk] = []

        init(version: Int, messageHeader: Int, bytes: HDF5FileBytes) {
            self.version = version
            self.messageHeader = messageHeader
            self.bytes = bytes
        }

        /// Walks every chunk from `first` on; the outcome when the header is damaged or cannot
        /// be checked, `nil` when every chunk passed.
        mutating func run(first: Chunk) -> Outcome? {
            chunks = [first]
            var index = 0
            while index < chunks.count {
                guard index < HDF5ObjectHeader.chunkLimit, chunks[index].length <= UInt64(HDF5FileBytes.largestRead),
                    let data = bytes.read(at: chunks[index].address, count: Int(chunks[index].length))
                else { return .unchecked }
                var start = 0
                var end = data.count
                if index > 0, version == 2 {
                    // A continuation chunk of version 2: "OCHK", the messages, a checksum.
                    guard data.count >= 8, Array(data.prefix(4)) == Array("OCHK".utf8) else {
                        return .damaged("its object header's continuation chunk has a wrong signature")
                    }
                    start = 4
                    end = data.count - 4
                }
                if let problem = messagesOfChunk(data, from: start, to: end) { return .damaged(problem) }
                index += 1
            }
            return nil
        }

        /// Reads the messages of one chunk's bytes `data[start..<end]`; why the chunk is damaged,
        /// or `nil`.
        private mutating func messagesOfChunk(_ data: [UInt8], from start: Int, to end: Int) -> String? {
            var position = start
            var nullMessages = 0
            while position < end {
                guard end - position >= messageHeader,
                    let type = data.littleEndian(at: position, width: version == 1 ? 2 : 1),
                    let size = data.littleEndian(at: position + (version == 1 ? 2 : 1), width: 2)
                else { return "its object header ends inside a message header" }
                let flags = data[position + (version == 1 ? 4 : 3)]
                if version == 1, size % 8 != 0 {
                    return "its object header holds a message of \(size) bytes, not aligned"
                }
                if let problem = Self.flagProblem(flags, type: Int(type)) { return problem }
                position += messageHeader
                guard Int(size) <= end - position else { return "a message of its object header runs past its chunk" }
                let body = Array(data[position..<position + Int(size)])
                if type == 0 { nullMessages += 1 }
                if type == 16, let problem = continuation(body) { return problem }
                if type == 22, version == 1 {
                    return "its version-1 object header holds a reference count message, which only version 2 has"
                }
                messages.append(Message(type: Int(type), flags: flags, body: body))
                position += Int(size)
                let left = end - position
                if left > 0, left < messageHeader {
                    // libhdf5 2.0: "gap found in early version of file format", "gap in chunk with
                    // no null messages" (1.10 only asserts these, in debug builds).
                    if version == 1 { return "its version-1 object header has a gap of \(left) bytes after a message" }
                    if nullMessages != 0 { return "its object header has a gap in a chunk that holds null messages" }
                    position = end
                }
            }
            return nil
        }

        /// Follows a continuation message: the next chunk's address and length.
        private mutating func continuation(_ body: [UInt8]) -> String? {
            guard let address = body.littleEndian(at: 0, width: bytes.addressWidth),
                let length = body.littleEndian(at: bytes.addressWidth, width: bytes.lengthWidth)
            else { return "its object header holds a continuation message too short to say where" }
            chunks.append(Chunk(address: address, length: length))
            return nil
        }

        /// Why a message of type `type` cannot carry `flags`, as libhdf5 2.0 decides; `nil` when
        /// it can.
        private static func flagProblem(_ flags: UInt8, type: Int) -> String? {
            let shared: UInt8 = 0x02
            let dontShare: UInt8 = 0x04
            let failIfUnknownForWrite: UInt8 = 0x08
            let markIfUnknown: UInt8 = 0x10
            let wasUnknown: UInt8 = 0x20
            let shareable: UInt8 = 0x40
            let failIfUnknown: UInt8 = 0x80
            if (flags & shared != 0 && flags & dontShare != 0)
                || (flags & wasUnknown != 0 && flags & failIfUnknownForWrite != 0)
                || (flags & wasUnknown != 0 && flags & markIfUnknown == 0)
            {
                return "a message of its object header has contradictory flags 0x\(String(flags, radix: 16))"
            }
            let known = type < 25 && type != 9
            if !known, flags & failIfUnknown != 0 {
                return "its object header holds a message of unknown type \(type) that readers must understand"
            }
            if known, flags & (shared | shareable) != 0, HDF5ObjectHeader.unshareableTypes.contains(type) {
                return "its object header flags a message of type \(type), which cannot be shared, as shared"
            }
            return nil
        }
    }
}
