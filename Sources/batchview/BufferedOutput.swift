import Foundation

/// Standard output with a buffer, for commands that print many lines.
final class BufferedOutput {
    private var buffer = [UInt8]()
    private let limit = 1 << 16

    /// Appends `text`, writing the buffer out when it is full.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit { flush() }
    }

    /// Writes out whatever is buffered.
    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
