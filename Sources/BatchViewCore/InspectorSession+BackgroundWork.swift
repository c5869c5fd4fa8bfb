/// Work the session started in the background and draws when it ends: the whole batch after
/// its page (``PageFirstRead``) and the replay check's verdict (`R`).
extension InspectorSession {
    /// Whether background work ended since the last call, so the screen should be drawn again
    /// (the terminal asks while waiting for a key): the whole batch on screen read after its
    /// page, now shown; the replay check's outcome, in full in the status line.
    public func pollBackgroundWork() -> Bool {
        let whole = takeWholeBatch(waiting: false)
        return pollReplayCheck() || whole
    }

    /// Waits for background work to end and takes its outcome: the replay check's, and the
    /// whole batch on screen when only its page is (`frame --keys`, which prints one screen,
    /// and tests).
    public func waitForBackgroundWork() {
        waitForReplayCheck()
        takeWholeBatch(waiting: true)
    }

    /// Waits for the replay check to end and takes its outcome (`frame --keys` after each key:
    /// its verdict, not "checking", is what a frame shows).
    public func waitForReplayCheck() {
        replayCheck.wait()
        _ = pollReplayCheck()
    }
}
