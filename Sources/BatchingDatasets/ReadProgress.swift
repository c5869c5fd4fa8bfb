import Batching
import Foundation

/// Reports how many bytes of the original files have been read so far, for the progress bar of
/// `batchview import` — set for the duration of a read with `ReadProgress.$current.withValue`.
///
/// Every ``FileByteReader`` adds what it reads to the current tracker, so the bar advances with
/// the compressed bytes consumed, whatever the format.
final class ReadProgress: @unchecked Sendable {
    @TaskLocal static var current: ReadProgress?

    private let bar: ProgressBar
    private var done = 0
    private let lock = NSLock()

    init(bar: ProgressBar) { self.bar = bar }

    func add(_ bytes: Int) {
        lock.lock()
        done += bytes
        let now = done
        lock.unlock()
        bar.update(now)
    }

    /// The bytes in `path`: the file's size, or the sum of the regular files under a folder.
    static func totalBytes(at path: String) -> Int {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return 0 }
        if !isDirectory.boolValue {
            return ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        let walker = FileManager.default.enumerator(
            at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.fileSizeKey])
        var total = 0
        while let url = walker?.nextObject() as? URL {
            total += (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? 0
        }
        return total
    }
}
