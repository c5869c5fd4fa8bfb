import Batching
import Foundation

/// Downloads a dataset's original files, verifying each against its SHA-256.
///
/// A file is fetched to `NAME.part`, hashed as it arrives, checked, and only then renamed to
/// `NAME` — so a half-downloaded or corrupted file is never taken for a whole one. Each URL is
/// tried up to ``attempts`` times (a dropped connection or a wrong checksum is retried; a host
/// that cannot be reached is not), then the next mirror. When no host can be reached at all, the error says which file to download by hand
/// and where to put it. Progress is drawn on standard error.
///
/// ```swift
/// let downloader = Downloader()
/// let path = try downloader.fetch(DatasetKind.mnist.sourceFiles[0], into: "/root/.batchview/data/mnist")
/// ```
public struct Downloader: Sendable {
    /// Tries per URL before moving on to the next one.
    public var attempts: Int
    /// Seconds without data before an attempt is abandoned.
    public var timeout: TimeInterval
    /// Whether to draw a progress bar on standard error.
    public var showsProgress: Bool
    /// Seconds to wait before a retry (times the attempt number).
    public var retryDelay: TimeInterval

    /// A downloader; the defaults follow BatchUp (3 tries).
    public init(attempts: Int = 3, timeout: TimeInterval = 60, showsProgress: Bool = true, retryDelay: TimeInterval = 1)
    {
        self.attempts = max(1, attempts)
        self.timeout = timeout
        self.showsProgress = showsProgress
        self.retryDelay = retryDelay
    }

    /// The path of `file` inside `folder`, downloading and verifying it first when it is not there.
    ///
    /// A file already present is trusted as it is (as BatchUp does); a download with no pinned
    /// sum has its SHA-256 printed so it can be pinned.
    ///
    /// - Throws: ``DatasetError/networkUnreachable(file:url:destination:reason:)`` when no host
    ///   answers, ``DatasetError/checksumMismatch(url:expected:actual:)`` or
    ///   ``DatasetError/downloadFailed(url:attempts:reason:)`` when every attempt failed.
    public func fetch(_ file: SourceFile, into folder: String) throws -> String {
        let destination = (folder as NSString).appendingPathComponent(file.name)
        if FileManager.default.fileExists(atPath: destination) { return destination }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DatasetError.io(
                path: folder,
                detail:
                    "cannot be created (\(error.localizedDescription)); set data_dir in ~/.batchview.cfg or BATCHVIEW_HOME to a folder you can write"
            )
        }
        let part = destination + ".part"
        var lastFailure: DatasetError? // a host answered, but the file was not right
        var unreachableReason: String?
        for urlText in file.urls {
            guard let url = URL(string: urlText) else { continue }
            attempts: for attempt in 1...attempts {
                if attempt > 1 { Thread.sleep(forTimeInterval: retryDelay * Double(attempt - 1)) }
                let shown = showsProgress ? _LazyProgress(label: "Downloading \(file.name)") : nil
                do {
                    let received = try _HTTPFetch(url: url, timeout: timeout).run(to: part) { done, total in
                        shown?.update(done, total)
                    }
                    shown?.finish()
                    if let expected = file.sha256, received.sha256 != expected.lowercased() {
                        try? FileManager.default.removeItem(atPath: part)
                        lastFailure = .checksumMismatch(url: urlText, expected: expected, actual: received.sha256)
                        continue
                    }
                    if file.sha256 == nil {
                        FileHandle.standardError.write(
                            Data("SHA-256 of \(file.name) (no sum pinned to check against): \(received.sha256)\n".utf8))
                    }
                    do {
                        try FileManager.default.moveItem(atPath: part, toPath: destination)
                    } catch {
                        throw DatasetError.io(
                            path: destination, detail: "cannot be written (\(error.localizedDescription))")
                    }
                    return destination
                } catch let failure as _HTTPFetch.Failure {
                    shown?.finish()
                    try? FileManager.default.removeItem(atPath: part)
                    switch failure {
                    case .unreachable(let reason):
                        // An unreachable host will not answer a retry either; try the next mirror.
                        unreachableReason = reason
                        break attempts
                    case .failed(let reason):
                        lastFailure = .downloadFailed(url: urlText, attempts: attempts, reason: reason)
                    }
                }
            }
        }
        if let lastFailure { throw lastFailure }
        if let unreachableReason, let first = file.urls.first {
            throw DatasetError.networkUnreachable(
                file: file.name, url: first, destination: destination, reason: unreachableReason)
        }
        throw DatasetError.downloadFailed(
            url: file.urls.first ?? file.name, attempts: 0, reason: "it has no usable URL")
    }
}

/// A progress bar created when the first bytes arrive, once the total size is known.
final class _LazyProgress: @unchecked Sendable {
    private let label: String
    private var bar: ProgressBar?
    private let lock = NSLock()

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int?) {
        lock.lock()
        defer { lock.unlock() }
        if bar == nil { bar = ProgressBar(label: label, total: total, unit: .bytes) }
        bar?.update(done)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        bar?.finish()
        bar = nil
    }
}
