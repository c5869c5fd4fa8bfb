import CTerminalGuard
import Foundation
import Glibc

/// Keeps the terminal usable whatever happens while curses owns it: stderr goes to a log file
/// (a message written to the alternate screen would be lost), SIGINT/SIGTERM/SIGHUP become a flag
/// the main loop polls, and a crash restores the terminal, says where the log is, and re-raises.
///
/// ```swift
/// let terminalGuard = TerminalGuard()
/// defer { terminalGuard.release() }   // prints the log's path if anything was written to it
/// ```
///
/// The handlers and their state (the signal flag, the saved terminal settings, the crash
/// message) live in the C target `CTerminalGuard`, in one `.c` file: one copy of the state by
/// construction, however the Swift callers are inlined. (They once lived in `static inline`
/// header functions with function-local statics; a release build inlined `pendingSignal` into
/// `TerminalApp`, whose object file then read its own copy that no handler wrote, so SIGTERM and
/// SIGHUP were ignored.)
public final class TerminalGuard {
    /// Where stderr goes while the guard holds.
    public let logPath: String
    private var savedStderr: Int32 = -1
    private var released = false

    /// Redirects stderr and installs the signal handlers.
    public init(ttyDescriptor: Int32 = STDOUT_FILENO) {
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("batchview-\(getpid()).log").path
        fflush(nil)
        savedStderr = dup(STDERR_FILENO)
        let log = open(logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if log >= 0 {
            dup2(log, STDERR_FILENO)
            close(log)
        }
        let message = "batchview stopped unexpectedly; the terminal was restored. Messages are in \(logPath)\n"
        bv_install_guard(ttyDescriptor, savedStderr, message)
    }

    /// The signal that asked the program to stop (SIGINT, SIGTERM, SIGHUP), if one came.
    public var pendingSignal: Int32? {
        let signal = bv_pending_signal()
        return signal == 0 ? nil : signal
    }

    /// Puts stderr and the signal handlers back; says where the log is when something was
    /// written to it, and removes it otherwise.
    public func release() {
        guard !released else { return }
        released = true
        bv_remove_guard()
        fflush(nil)
        if savedStderr >= 0 {
            dup2(savedStderr, STDERR_FILENO)
            close(savedStderr)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: logPath)[.size] as? Int) ?? 0
        if size > 0 {
            FileHandle.standardError.write(
                Data("batchview: messages written while the screen was in use are in \(logPath)\n".utf8))
        } else {
            try? FileManager.default.removeItem(atPath: logPath)
        }
    }

    deinit { release() }
}
