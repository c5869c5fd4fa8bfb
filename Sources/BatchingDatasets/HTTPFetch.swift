import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One attempt at downloading a URL into a file with URLSession, hashing the bytes as they arrive.
struct _HTTPFetch {
    /// Why an attempt failed.
    enum Failure: Error {
        /// The host could not be reached at all (no route, no DNS, refused, timed out).
        case unreachable(String)
        /// Anything else: an HTTP error status, a dropped connection, a write error.
        case failed(String)
    }

    /// What a finished attempt received.
    struct Received {
        var byteCount: Int
        var sha256: String
    }

    let url: URL
    let timeout: TimeInterval

    /// Downloads into `path` (created or truncated), reporting received bytes to `progress`.
    func run(to path: String, progress: @escaping @Sendable (Int, Int?) -> Void) throws(Failure) -> Received {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw .failed("cannot write \(path)")
        }
        defer { try? handle.close() }
        let delegate = _FetchDelegate(handle: handle, progress: progress)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        session.dataTask(with: url).resume()
        delegate.finished.wait()
        session.finishTasksAndInvalidate()
        return try delegate.outcome()
    }
}

/// Receives one data task's events; its state sits behind a mutex because URLSession calls it
/// on its own queue.
final class _FetchDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct State {
        var expected: Int?
        var received = 0
        var hash = SHA256()
        var failure: _HTTPFetch.Failure?
    }

    let finished = DispatchSemaphore(value: 0)
    private let handle: FileHandle
    private let progress: @Sendable (Int, Int?) -> Void
    private let state = Mutex(State())

    init(handle: FileHandle, progress: @escaping @Sendable (Int, Int?) -> Void) {
        self.handle = handle
        self.progress = progress
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 200
        guard (200..<300).contains(status) else {
            state.withLock { $0.failure = .failed("the server answered HTTP \(status)") }
            completionHandler(.cancel)
            return
        }
        state.withLock { $0.expected = response.expectedContentLength > 0 ? Int(response.expectedContentLength) : nil }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        do {
            try handle.write(contentsOf: data)
        } catch {
            state.withLock { $0.failure = .failed("cannot write the download: \(error.localizedDescription)") }
            dataTask.cancel()
            return
        }
        let (received, expected) = state.withLock { state in
            data.withUnsafeBytes { state.hash.update($0) }
            state.received += data.count
            return (state.received, state.expected)
        }
        progress(received, expected)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error {
            state.withLock { state in
                guard state.failure == nil else { return }
                let code = (error as? URLError)?.code
                let unreachable: [URLError.Code] = [
                    .notConnectedToInternet, .cannotFindHost, .cannotConnectToHost,
                    .dnsLookupFailed, .timedOut, .internationalRoamingOff, .dataNotAllowed,
                ]
                let reason = error.localizedDescription
                state.failure =
                    code.map(unreachable.contains) == true && state.received == 0
                    ? .unreachable(reason) : .failed(reason)
            }
        }
        finished.signal()
    }

    func outcome() throws(_HTTPFetch.Failure) -> _HTTPFetch.Received {
        let state = state.withLock { $0 }
        if let failure = state.failure { throw failure }
        if let expected = state.expected, state.received != expected {
            throw .failed("the connection dropped after \(state.received) of \(expected) bytes")
        }
        return _HTTPFetch.Received(byteCount: state.received, sha256: state.hash.hexDigest())
    }
}
