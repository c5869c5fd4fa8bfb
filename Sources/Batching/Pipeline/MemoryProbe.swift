#if canImport(Glibc)
    import Glibc
#endif

/// The process's memory at one moment.
public struct MemoryReading: Sendable, Hashable {
    /// Resident set size now (`VmRSS`), in bytes.
    public var residentBytes: Int
    /// The largest resident set size so far (`VmHWM`), in bytes.
    public var peakResidentBytes: Int
    /// Bytes of heap in use (glibc `mallinfo2`: arena bytes in use plus mmapped blocks, plus the
    /// pages ``PageAllocation`` maps itself for large tensors and decoded chunks), when available.
    public var heapInUseBytes: Int?

    public init(residentBytes: Int, peakResidentBytes: Int, heapInUseBytes: Int?) {
        self.residentBytes = residentBytes
        self.peakResidentBytes = peakResidentBytes
        self.heapInUseBytes = heapInUseBytes
    }
}

/// Reads the process's memory; injectable so the statistics can be tested with made-up readings.
public protocol MemoryProbe: Sendable {
    /// Resident and peak resident memory (cost: one small `/proc` read).
    func resident() -> (now: Int, peak: Int)
    /// Heap bytes in use, or `nil` when the platform cannot tell (cost: microseconds).
    func heapInUse() -> Int?
}

extension MemoryProbe {
    /// Resident, peak and heap memory in one reading.
    public func reading() -> MemoryReading {
        let (now, peak) = resident()
        return MemoryReading(residentBytes: now, peakResidentBytes: peak, heapInUseBytes: heapInUse())
    }
}

/// The real process: `/proc/self/status` for resident memory, glibc's `mallinfo2` for the heap.
///
/// Neither allocates: the status file is read into a buffer on the stack. `mallinfo2` does not
/// import into Swift through Glibc, so it is looked up with `dlsym` and called through its ABI
/// (on x86-64 a large struct is returned through a pointer passed as the hidden first argument);
/// elsewhere the heap reading is `nil`.
public struct ProcessMemoryProbe: MemoryProbe {
    public init() {}

    /// `VmRSS` and `VmHWM` of `/proc/self/status`, in bytes.
    public func resident() -> (now: Int, peak: Int) {
        let values = statusValues("VmRSS:", "VmHWM:")
        return (values.0, values.1)
    }

    /// Resident memory split into anonymous memory (the heap, stacks) and file pages mapped into
    /// the process (a memory-mapped data file counts here, though the page cache holds it anyway).
    public func residentParts() -> (anonymous: Int, file: Int) {
        let values = statusValues("RssAnon:", "RssFile:")
        return (values.0, values.1)
    }

    /// Two byte counts from `/proc/self/status`, read into a stack buffer.
    private func statusValues(_ first: StaticString, _ second: StaticString) -> (Int, Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            let fd = open("/proc/self/status", O_RDONLY)
            guard fd >= 0 else { return (0, 0) }
            defer { close(fd) }
            var filled = 0
            while filled < buffer.count {
                // Never nil: the temporary allocation has 4096 elements.
                let got = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if got <= 0 { break }
                filled += got
            }
            let bytes = UnsafeBufferPointer(rebasing: buffer[0..<filled])
            return (Self.kilobytes(after: first, in: bytes) * 1024, Self.kilobytes(after: second, in: bytes) * 1024)
        }
    }

    /// `mallinfo2().uordblks + hblkhd` plus the bytes ``PageAllocation`` maps past `malloc` (large
    /// tensors, decoded chunks), on x86-64 Linux; `nil` elsewhere.
    public func heapInUse() -> Int? {
        #if arch(x86_64) && os(Linux)
            guard let mallinfo2 = Self.mallinfo2 else { return nil }
            var info = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0) // struct mallinfo2: ten size_t fields
            // Never nil: the buffer is the ten-field tuple above.
            withUnsafeMutableBytes(of: &info) { _ = mallinfo2($0.baseAddress!) }
            // hblkhd (mmapped bytes) + uordblks (bytes in use in the arenas)
            return info.4 + info.7 + PageAllocation.bytesMapped
        #else
            return nil
        #endif
    }

    private typealias MallinfoFunction = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer?

    private static let mallinfo2: MallinfoFunction? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallinfo2") else { return nil }
        return unsafeBitCast(symbol, to: MallinfoFunction.self)
    }()

    /// The number after `key` on its line of a `/proc` status file.
    static func kilobytes(after key: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let keyBytes = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        var i = 0
        while i + keyBytes.count <= bytes.count {
            if (i == 0 || bytes[i - 1] == 10)
                && UnsafeBufferPointer(rebasing: bytes[i..<(i + keyBytes.count)]).elementsEqual(keyBytes)
            {
                var j = i + keyBytes.count
                var value = 0
                while j < bytes.count, bytes[j] == 32 || bytes[j] == 9 { j += 1 }
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 {
                    value = value * 10 + Int(bytes[j] - 48)
                    j += 1
                }
                return value
            }
            i += 1
        }
        return 0
    }
}
