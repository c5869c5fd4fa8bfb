import Batching
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One running `python3 -u -c WORKER MODULE NAME PARENT`: its channel (fd 3 in the child, a Unix
/// socket), the shared-memory file (fd 4), and a log file (unlinked) that is the child's stdout
/// and stderr, so what the user's code prints neither reaches our screen nor the channel.
final class PythonProcess {
    /// Why talking to the process stopped before a reply arrived.
    enum Interruption: Error {
        /// No reply within the time allowed.
        case timedOut
        /// The process closed the channel: it exited or was killed.
        case ended
        /// The caller's ``ExternalCallWatch`` asked the call to stop.
        case cancelled
    }

    let pid: pid_t
    private let channel: Int32
    private let log: Int32
    private var reaped: Int32?

    /// Starts the worker program with `arguments`, sharing `sharedMemory` as its fd 4.
    init(interpreter: String, arguments: [String], sharedMemory: Int32) throws {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw PythonStageError.cannotStart(interpreter: interpreter, reason: String(cString: strerror(errno)))
        }
        let logPath = NSTemporaryDirectory() + "/batchview-python-\(getpid())-\(UUID().uuidString).log"
        let logFile = open(logPath, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard logFile >= 0 else {
            let reason = "cannot make its log file \(logPath): \(String(cString: strerror(errno)))"
            close(pair[0])
            close(pair[1])
            throw PythonStageError.cannotStart(interpreter: interpreter, reason: reason)
        }
        unlink(logPath)
        // The child's fds 1-4 are filled from copies numbered 10 and up, so no dup2 overwrites a
        // source before it is copied.
        let sources = [logFile, pair[1], sharedMemory].map { fcntl($0, F_DUPFD_CLOEXEC, 10) }
        defer {
            for fd in sources { close(fd) }
            close(pair[1])
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, sources[0], 1)
        posix_spawn_file_actions_adddup2(&actions, sources[0], 2)
        posix_spawn_file_actions_adddup2(&actions, sources[1], 3)
        posix_spawn_file_actions_adddup2(&actions, sources[2], 4)
        let argv = ([interpreter, "-u", "-c", PythonWorkerScript.source] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        // Started from the thread that lives as long as batchview (see `SpawningThread`).
        let (status, child) = withUnsafePointer(to: &actions) { actions in
            SpawningThread.shared.run { () -> (Int32, pid_t) in
                var child = pid_t()
                let status = posix_spawnp(&child, interpreter, actions, nil, argv, envp)
                return (status, child)
            }
        }
        guard status == 0 else {
            close(pair[0])
            close(logFile)
            let reason =
                switch (status, interpreter.contains("/")) {
                case (ENOENT, false): "it is not on PATH (give --python PATH or set BATCHVIEW_PYTHON)"
                case (ENOENT, true): "there is no such file"
                default: String(cString: strerror(status))
                }
            throw PythonStageError.cannotStart(interpreter: interpreter, reason: reason)
        }
        pid = child
        channel = pair[0]
        log = logFile
    }

    deinit {
        stop()
        close(channel)
        close(log)
    }

    /// Kills the process (if it still runs) and reaps it.
    func stop() {
        guard reaped == nil else { return }
        kill(pid, SIGKILL)
        _ = exitStatus()
    }

    /// How the process ended, e.g. "was killed by signal 9 (SIGKILL)"; waits for it to end.
    func exitDescription() -> String {
        let status = exitStatus()
        let signal = status & 0x7f
        if signal == 0 { return "exited with status \((status >> 8) & 0xff)" }
        let name = String(cString: strsignal(signal))
        return "was killed by signal \(signal) (\(name))"
    }

    private func exitStatus() -> Int32 {
        if let reaped { return reaped }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = status
        return status
    }

    /// Sends `bytes`; throws ``Interruption/ended`` when the process is gone.
    func send(_ bytes: [UInt8]) throws(Interruption) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(channel, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw .ended }
            sent += count
        }
    }

    /// How long a wait for the worker runs before it looks again whether it was cancelled.
    static let cancellationPollMilliseconds = 25.0

    /// Exactly `count` bytes, waiting until `deadline` at most, and stopping within
    /// ``cancellationPollMilliseconds`` once `watch` is cancelled.
    func receive(_ count: Int, by deadline: ContinuousClock.Instant, watch: ExternalCallWatch? = nil)
        throws(Interruption) -> [UInt8]
    {
        var bytes = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            if watch?.isCancelled == true { throw .cancelled }
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { throw .timedOut }
            var ready = pollfd(fd: channel, events: Int16(POLLIN), revents: 0)
            let wait = min(
                left.seconds * 1000 + 1, watch == nil ? Double(Int32.max) : Self.cancellationPollMilliseconds)
            let milliseconds = Int32(wait)
            let polled = poll(&ready, 1, milliseconds)
            if polled < 0 && errno == EINTR { continue }
            if polled == 0 { continue }
            let got = bytes.withUnsafeMutableBytes { recv(channel, $0.baseAddress! + received, count - received, 0) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw .ended }
            received += got
        }
        return bytes
    }

    /// Empties the log, so that the output kept for an error is the current call's.
    func clearOutput() { _ = ftruncate(log, 0) }

    /// The last `count` non-empty lines the process printed (at most 200 characters each).
    func lastOutput(lines count: Int = 3) -> [String] {
        var status = stat()
        fstat(log, &status)
        let size = Int(status.st_size)
        let length = min(size, 4096)
        var bytes = [UInt8](repeating: 0, count: length)
        let read = bytes.withUnsafeMutableBytes { pread(log, $0.baseAddress, length, off_t(size - length)) }
        let text = String(decoding: bytes.prefix(max(read, 0)), as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { String($0.prefix(200)) }
        return lines.filter { !$0.allSatisfy(\.isWhitespace) }.suffix(count).map { $0 }
    }
}
