import BatchViewCore
import Foundation

@testable import BatchViewTerminal

/// A screen for the terminal loop without a terminal: it keeps every frame drawn and hands out
/// scripted keys, each once its condition holds (a frame on screen says something); it ends
/// with a `q` after 20 s, so that a loop that never sees its condition fails a test instead of
/// hanging it.
final class ScriptedScreen: TerminalScreen {
    /// A key and when to press it.
    struct Press {
        var key: Key
        var when: @Sendable (ScriptedScreen) -> Bool = { _ in true }
    }

    let width = 100
    let height = 30
    private(set) var lastFrame: ScreenBuffer?
    private(set) var frames: [String] = []
    /// When the last scripted key was handed out.
    private(set) var lastPressed: ContinuousClock.Instant?
    private var script: [Press]
    private let started = ContinuousClock.now

    init(_ script: [Press]) { self.script = script }

    /// Whether a frame drawn so far contains `text`.
    func showed(_ text: String) -> Bool { frames.contains { $0.contains(text) } }

    func draw(_ buffer: ScreenBuffer) {
        lastFrame = buffer
        frames.append(buffer.text)
    }

    private var typedAhead: [Key] = []

    func typeAhead(_ keys: [Key]) { typedAhead.insert(contentsOf: keys, at: 0) }

    func readKey(timeoutMilliseconds: Int32) -> Key? {
        if !typedAhead.isEmpty { return typedAhead.removeFirst() }
        if let next = script.first, next.when(self) {
            script.removeFirst()
            lastPressed = .now
            return next.key
        }
        if ContinuousClock.now - started > .seconds(20) { return .character("q") }
        usleep(UInt32(min(max(timeoutMilliseconds, 1), 10)) * 1000)
        return nil
    }

    /// Whether every scripted key was handed out.
    var scriptDone: Bool { script.isEmpty }

    func copyToClipboard(_ text: String) {}
}
