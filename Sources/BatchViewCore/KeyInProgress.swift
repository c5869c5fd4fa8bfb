import Batching
import Foundation

/// A key being handled on a thread of its own, so that the terminal keeps drawing and reading
/// keys while the key's work runs long (a `python:` stage's call that sleeps or hangs).
///
/// **The rule:** from ``InspectorSession/beginHandling(_:renderingAt:)`` until ``outcome(waitingUpTo:)``
/// returns a value, the key's thread alone touches the session. The thread that started it —
/// the terminal's main thread — only reads ``progress(at:)`` (from the ``ExternalCallWatch``,
/// which has its own lock), draws the last frame with it (``busyFrame(over:at:)``), polls keys
/// and signals, and may ``cancel()``. Once ``outcome(waitingUpTo:)`` gave the key's result,
/// the session is the main thread's again (the lock around the result orders the two).
///
/// ```swift
/// let key = session.beginHandling(.enter)
/// while key.outcome(waitingUpTo: .milliseconds(50)) == nil {
///     screen.draw(key.busyFrame(over: lastFrame))
///     if screen.readKey(timeoutMilliseconds: 0) == .escape { key.cancel() }
/// }
/// ```
public final class KeyInProgress: @unchecked Sendable {
    /// After how long a key's work is shown as running (faster keys draw no busy frame).
    public static let showAfter: Duration = .milliseconds(100)

    /// The key handled.
    public let key: Key
    /// The watch the key's calls of external stages report to.
    public let watch: ExternalCallWatch
    /// When the key's work began.
    public let started: ContinuousClock.Instant
    private let condition = NSCondition()
    private var result: Bool?
    private var rendered: ScreenBuffer?
    private let pen: Pen

    init(key: Key, watch: ExternalCallWatch, pen: Pen) {
        self.key = key
        self.watch = watch
        self.pen = pen
        started = .now
    }

    /// The key's result — `false` when it asks to quit, as ``InspectorSession/handle(_:)``
    /// returns — once its work has ended, waiting at most `limit`; `nil` while it runs.
    public func outcome(waitingUpTo limit: Duration = .zero) -> Bool? {
        let deadline = Date(timeIntervalSinceNow: max(limit.seconds, 0))
        condition.lock()
        defer { condition.unlock() }
        while result == nil, condition.wait(until: deadline) {}
        return result
    }

    /// Asks the key's external call (and any after it) to stop: a `python:` stage kills its
    /// worker and the batch shows as cancelled, its raw samples visible.
    public func cancel() { watch.cancel() }

    /// What runs and for how long, e.g. `python:aug.py:f on e0 b3 — 4.2 s (timeout 30 s) · Esc
    /// cancels · q quits`.
    public func progress(at now: ContinuousClock.Instant = .now) -> String {
        let seconds = { (from: ContinuousClock.Instant) in String(format: "%.1f s", (now - from).seconds) }
        guard let call = watch.running else {
            return "working on \(key) — \(seconds(started)) · q quits"
        }
        let running = "\(StageName.short(call.stage)) on \(call.address.short) — \(seconds(call.started))"
        if watch.isCancelled { return "cancelling \(running) · q quits" }
        let timeout = String(format: "%g", call.timeout.seconds)
        return "\(running) (timeout \(timeout) s) · Esc cancels · q quits"
    }

    /// `frame`, the screen before the key, with ``progress(at:)`` on its last row.
    public func busyFrame(over frame: ScreenBuffer, at now: ContinuousClock.Instant = .now) -> ScreenBuffer {
        var busy = frame
        guard busy.height > 0 else { return busy }
        let row = busy.height - 1
        busy.write(String(repeating: " ", count: busy.width), x: 0, y: row, pen: pen)
        busy.write(ScreenBuffer.shortened(progress(at: now), to: busy.width), x: 0, y: row, pen: pen)
        return busy
    }

    /// The frame drawn on the key's thread once the key was handled (a `t` overlay replays a
    /// `python:` stage while it draws), when a size was given and the key does not quit.
    public var frame: ScreenBuffer? { condition.withLock { rendered } }

    fileprivate func finish(_ value: Bool, frame: ScreenBuffer?) {
        condition.lock()
        result = value
        rendered = frame
        condition.broadcast()
        condition.unlock()
    }
}

extension InspectorSession {
    /// Starts handling `key` on a thread of its own — and drawing the frame after it at `size`,
    /// when given — and returns at once; see ``KeyInProgress`` for what the caller may do with
    /// the session until the key's outcome is known (nothing but wait, draw the frame it had,
    /// and cancel).
    public func beginHandling(_ key: Key, renderingAt size: (width: Int, height: Int)? = nil) -> KeyInProgress {
        begin(key) { session in
            let goesOn = session.handle(key)
            return (goesOn, goesOn ? size.map { session.render(width: $0.width, height: $0.height) } : nil)
        }
    }

    /// Advances the run (`r`) one step (``tick()``) on a thread of its own, as the work of the
    /// key `r`: with a `python:` stage the next batch may wait on a call that hangs. The frame
    /// after it is drawn there too, at `size`: with `t` open, drawing replays the chain on the
    /// new batch, which must not happen on the main thread.
    public func beginTick(renderingAt size: (width: Int, height: Int)? = nil) -> KeyInProgress {
        begin(.character("r")) { session in
            session.tick()
            return (true, size.map { session.render(width: $0.width, height: $0.height) })
        }
    }

    /// Whether a `python:` (external) stage preprocesses the batches, so that a key's work may
    /// wait on the user's code.
    public var callsExternalStages: Bool { dataset.preprocessing?.preprocessor?.externalStages.isEmpty == false }

    private func begin(
        _ key: Key, _ work: @escaping @Sendable (InspectorSession) -> (goesOn: Bool, frame: ScreenBuffer?)
    ) -> KeyInProgress {
        let progress = KeyInProgress(key: key, watch: externalCalls, pen: Theme(mode: state.colorMode).selected)
        let handed = HandedSession(session: self)
        let thread = Thread {
            let (goesOn, frame) = progress.watch.watching { work(handed.session) }
            progress.finish(goesOn, frame: frame)
        }
        thread.name = "batchview key"
        thread.stackSize = 8 << 20 // the main thread's, which keys ran on before
        thread.start()
        return progress
    }
}

/// The session handed to a key's thread; the rule of ``KeyInProgress`` keeps the main thread
/// off it meanwhile, which is what makes the hand-over safe.
private struct HandedSession: @unchecked Sendable {
    let session: InspectorSession
}
