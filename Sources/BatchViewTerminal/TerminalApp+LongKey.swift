import BatchViewCore
import Glibc

extension TerminalApp {
    /// How often a busy screen is drawn again and keys and signals are looked at while a key's
    /// work runs long.
    static let busyPollMilliseconds: Int32 = 50

    /// Handles `key` on a thread of its own (``KeyInProgress``) and draws the frame drawn there
    /// after it (a `t` overlay may call a `python:` stage while it draws); while it runs past
    /// ``KeyInProgress/showAfter``, draws the screen it had with what runs and for how long, and
    /// keeps reading keys and signals: Esc cancels the python call (when one runs), `q`, Ctrl-C
    /// or a signal cancel it and end the inspector; other keys are typed ahead
    /// (``TerminalScreen/typeAhead(_:)``), handled in order once the work ended, as they were
    /// when keys ran on the main thread. Returns how the inspector ends, or `nil` to go on.
    ///
    /// The session is not touched here until the key's outcome is known: that is the rule that
    /// keeps it on one thread at a time.
    static func handleWatchingLongWork(
        _ key: Key, _ session: InspectorSession, screen: some TerminalScreen, pendingSignal: () -> Int32?
    ) -> Outcome? {
        awaitWork(session.beginHandling(key, renderingAt: (screen.width, screen.height)), screen, pendingSignal)
    }

    /// One step of the run (`r`): on a thread of its own, watched as a key's work, when a
    /// `python:` stage may hold up the next batch; on this thread otherwise (a thread per batch
    /// would cost the run's rate more than it helps).
    static func tickWatchingLongWork(
        _ session: InspectorSession, screen: some TerminalScreen, pendingSignal: () -> Int32?
    ) -> Outcome? {
        guard session.callsExternalStages else {
            session.tick()
            return nil
        }
        return awaitWork(session.beginTick(renderingAt: (screen.width, screen.height)), screen, pendingSignal)
    }

    private static func awaitWork(
        _ work: KeyInProgress, _ screen: some TerminalScreen, _ pendingSignal: () -> Int32?
    ) -> Outcome? {
        var result = work.outcome(waitingUpTo: KeyInProgress.showAfter)
        let before = screen.lastFrame
        var typed: [Key] = []
        while result == nil {
            if let signal = pendingSignal() { return end(work, as: .signal(signal)) }
            if let before { screen.draw(work.busyFrame(over: before)) }
            switch screen.readKey(timeoutMilliseconds: busyPollMilliseconds) {
            case .character("q")?: return end(work, as: .quit)
            case .controlC?: return end(work, as: .signal(SIGINT))
            case .escape? where work.watch.running != nil:
                work.cancel() // its batch is drawn as soon as the call has stopped
                result = work.outcome(waitingUpTo: stopAllowance)
                continue
            case let other?: typed.append(other)
            case nil: break
            }
            result = work.outcome()
        }
        screen.typeAhead(typed)
        guard result == true else { return .quit }
        if let frame = work.frame { screen.draw(frame) }
        return nil
    }

    /// The longest the inspector waits, after cancelling a key's work, for it to stop its
    /// `python:` worker before it ends anyway.
    static let stopAllowance: Duration = .seconds(1)

    /// Cancels `work` and gives it a moment to stop its workers (a cancelled call kills its
    /// worker within ~25 ms), then ends as `outcome`.
    private static func end(_ work: KeyInProgress, as outcome: Outcome) -> Outcome {
        work.cancel()
        _ = work.outcome(waitingUpTo: stopAllowance)
        return outcome
    }
}
