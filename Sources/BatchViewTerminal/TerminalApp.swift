import BatchViewCore
import CNcursesw
import Foundation
import Glibc

/// Runs the inspector in the terminal, or prints one frame when there is no terminal to run in.
///
/// ```swift
/// let outcome = TerminalApp.run(session) // .quit after q, .signal(SIGINT) after Ctrl-C
/// ```
public enum TerminalApp {
    /// How the inspector was ended.
    public enum Outcome: Sendable, Equatable {
        /// The user quit (q): exit 0.
        case quit
        /// A signal asked it to stop, or Ctrl-C (as SIGINT): exit 128 + signal.
        case signal(Int32)
        /// There was no full-screen terminal; `reason` says why, and one frame was printed.
        case printedFrame(reason: String?)
    }

    /// Why `TERM` cannot drive a full screen, or `nil` when it looks usable (curses has the last word).
    public static func terminalProblem(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let term = environment["TERM"], !term.isEmpty else {
            return "TERM is not set, so the terminal's capabilities are unknown; showing one frame as text"
        }
        if term == "dumb" { return "TERM=dumb cannot draw a full screen; showing one frame as text" }
        return nil
    }

    /// The terminal's size from the kernel, or `nil` when stdout is not a terminal.
    public static func windowSize() -> (width: Int, height: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Runs `session` full screen until q, Ctrl-C or a signal; falls back to printing one frame
    /// as text when stdout is not a terminal or `TERM` is unusable.
    public static func run(
        _ session: InspectorSession,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Outcome {
        if isatty(STDOUT_FILENO) == 0 {
            printFrame(session, reason: nil, environment: environment)
            return .printedFrame(reason: nil)
        }
        if let problem = terminalProblem(environment: environment) {
            printFrame(session, reason: problem, environment: environment)
            return .printedFrame(reason: problem)
        }
        let guardian = TerminalGuard()
        guard let screen = CursesScreen(preferredColors: session.state.bestColorMode) else {
            guardian.release()
            let reason =
                "the terminal type TERM=\(environment["TERM"] ?? "") is unknown here; showing one frame as text"
            printFrame(session, reason: reason, environment: environment)
            return .printedFrame(reason: reason)
        }
        session.state.bestColorMode = screen.bestColorMode
        if session.state.colorMode != .none { session.state.colorMode = screen.bestColorMode }
        let outcome = loop(session, screen: screen) { guardian.pendingSignal }
        screen.end()
        guardian.release()
        return outcome
    }

    static func loop(
        _ session: InspectorSession, screen: some TerminalScreen, pendingSignal: () -> Int32?
    ) -> Outcome {
        var lastDraw = DispatchTime.now().uptimeNanoseconds
        screen.draw(session.render(width: screen.width, height: screen.height))
        while true {
            if let signal = pendingSignal() { return .signal(signal) }
            let running = session.state.running && InspectorLayout.fits(width: screen.width, height: screen.height)
            // A batch shown page first is drawn whole within 10 ms of its read's end.
            let timeout: Int32 = running ? 0 : session.awaitsWholeBatch ? 10 : 250
            guard let key = screen.readKey(timeoutMilliseconds: timeout) else {
                // A replay check that ended, or the whole batch after its page, is drawn at once.
                let ended = session.pollBackgroundWork()
                if running, let ended = tickWatchingLongWork(session, screen: screen, pendingSignal: pendingSignal) {
                    return ended
                }
                let now = DispatchTime.now().uptimeNanoseconds
                if ended || (running && now - lastDraw > 40_000_000) {
                    screen.draw(session.render(width: screen.width, height: screen.height))
                    lastDraw = now
                }
                continue
            }
            // Ctrl-C ends it as the signal would; a key's long work (a python call) does not
            // keep q, Ctrl-C or a signal waiting. Below the minimum size the session itself
            // lets only q and the help through.
            if key == .controlC { return .signal(SIGINT) }
            if let ended = handleWatchingLongWork(key, session, screen: screen, pendingSignal: pendingSignal) {
                return ended
            }
            if let text = session.takeClipboardRequest() { screen.copyToClipboard(text) }
            lastDraw = DispatchTime.now().uptimeNanoseconds
        }
    }

    /// Prints one frame as plain text (no colour) at the terminal's size, or `COLUMNS`×`LINES`,
    /// or 100×30; `reason` goes to stderr first.
    public static func printFrame(
        _ session: InspectorSession, reason: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        if let reason, !reason.isEmpty { FileHandle.standardError.write(Data("batchview: \(reason)\n".utf8)) }
        let size = windowSize() ?? (Int(environment["COLUMNS"] ?? "") ?? 100, Int(environment["LINES"] ?? "") ?? 30)
        session.state.colorMode = .none
        session.waitForBackgroundWork() // the whole batch, not its page first
        let text = session.render(width: size.width, height: size.height).text
        FileHandle.standardOutput.write(Data(text.utf8))
    }

}
