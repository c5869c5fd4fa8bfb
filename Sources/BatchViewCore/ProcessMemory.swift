import Foundation

/// A reading of the process's memory: resident set now and at its peak, and the heap in use.
public struct MemoryReading: Sendable, Hashable {
    /// Resident set size (`VmRSS`), bytes.
    public var residentBytes: Int?
    /// Peak resident set size (`VmHWM`), bytes.
    public var peakResidentBytes: Int?
    /// Bytes the allocator has handed out (glibc `mallinfo2().uordblks`), when known.
    public var heapInUseBytes: Int?

    public init(residentBytes: Int? = nil, peakResidentBytes: Int? = nil, heapInUseBytes: Int? = nil) {
        self.residentBytes = residentBytes
        self.peakResidentBytes = peakResidentBytes
        self.heapInUseBytes = heapInUseBytes
    }
}

/// Reads `/proc/self/status` for the resident set now (`VmRSS`) and at its peak (`VmHWM`).
///
/// ```swift
/// let reading = ProcessMemory.read()
/// reading.residentBytes    // e.g. 52_428_800
/// ```
public enum ProcessMemory {
    /// The current reading; fields are `nil` where `/proc` is not available.
    public static func read(statusPath: String = "/proc/self/status") -> MemoryReading {
        guard let text = try? String(contentsOfFile: statusPath, encoding: .utf8) else { return MemoryReading() }
        return parse(status: text)
    }

    /// The `VmRSS` and `VmHWM` fields of a `/proc/PID/status` text.
    public static func parse(status text: String) -> MemoryReading {
        var reading = MemoryReading()
        for line in text.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { reading.residentBytes = kilobytes(line) }
            if line.hasPrefix("VmHWM:") { reading.peakResidentBytes = kilobytes(line) }
        }
        return reading
    }

    private static func kilobytes(_ line: Substring) -> Int? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let value = Int(fields[1]) else { return nil }
        return value * 1024
    }
}
