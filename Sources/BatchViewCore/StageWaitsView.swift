import Batching

/// `w`: where the prefetch pipeline's threads spend their time while it runs (`r`), over the
/// last few seconds — per worker and for the consumer: busy share, waiting for input, blocked on
/// a full buffer, batches; per stage (read, decode, preprocess, hand-off): the share of the
/// workers' time each stage takes, and the waits at its ends; the queue depth the consumer finds;
/// and one line saying which side sets the pace.
///
/// A worker does a batch's stages back to back, so a worker waits for input before its read
/// and is blocked after its preprocessing: those are the waits the stage rows show. Lines past
/// the pane's height are counted on its last row; the table needs ``tableWidth`` columns.
enum StageWaitsView: InspectorOverlay {
    /// The columns the table needs; narrower, a line says the columns are cut.
    static let tableWidth = 50
    /// A wait or blocked share at or above this names the side that sets the pace.
    static let paceShare = 0.2

    static func draw(_ view: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        guard let reading = view.stageWaits else {
            OverlayFrame.failure(
                "stage waits",
                reason: "stage waits are measured while the prefetch pipeline runs: press r to run it (w stays open)",
                in: rect, theme: theme, into: &buffer)
            return
        }
        draw(reading, in: rect, theme: theme, into: &buffer)
    }

    /// Draws `reading` (the view's body, also used by its snapshot test).
    static func draw(_ reading: StageWaitsReading, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let waits = reading.waits
        let span = "\((waits.elapsed * 10).rounded() / 10) s"
        let title =
            "stage waits · \(waits.workers.count) workers · "
            + (reading.running ? "last \(span)" : "paused: the last \(span) of the run") + " · Esc closes"
        let body = OverlayFrame.begin(title, in: rect, theme: theme, into: &buffer)
        var lines: [(String, Pen)] = []
        if body.width < tableWidth {
            lines.append(("columns cut: this view needs \(tableWidth) columns", theme.error))
        }
        lines.append((row("thread", "busy", "wait input", "blocked out", "batches"), theme.label))
        for (number, worker) in waits.workers.enumerated() {
            lines.append(threadLine("worker \(number + 1)", worker, waits: waits, theme: theme))
        }
        // The consumer prepares batches itself (busy) only when there are no worker threads.
        lines.append(
            threadLine(
                "consumer", waits.consumer, waits: waits, theme: theme, busy: waits.workers.isEmpty, blocked: false))
        lines.append(("", theme.label))
        lines.append((row("stage", "busy", "wait input", "blocked out", ""), theme.label))
        let meanInput = reading.workerShare(waits.workers.reduce(0) { $0 + $1.waitingForInput })
        let meanBlocked = reading.workerShare(waits.workers.reduce(0) { $0 + $1.blockedOnOutput })
        let stages = reading.stages
        lines.append((row("read", percent(reading.workerShare(stages.read)), percent(meanInput), "–", ""), theme.value))
        lines.append((row("decode", percent(reading.workerShare(stages.decode)), "–", "–", ""), theme.value))
        lines.append(
            (
                row("preprocess", percent(reading.workerShare(stages.preprocess)), "–", percent(meanBlocked), ""),
                theme.value
            ))
        let consumerWait = waits.share(waits.consumer.waitingForInput)
        lines.append((row("hand-off", "–", percent(consumerWait), "–", ""), theme.value))
        let depth = (waits.meanQueueDepth * 10).rounded() / 10
        lines.append(
            ("queue      \(depth) of \(waits.queueCapacity) ready on average · \(waits.queueDepthNow) now", theme.value)
        )
        lines.append(verdict(consumerWait: consumerWait, blocked: meanBlocked, reading: reading, theme: theme))
        OverlayFrame.write(lines, in: body, theme: theme, into: &buffer)
    }

    /// Which side sets the pace: both waiting (the batch next in order holds up the ones after
    /// it, which fill the buffer), the consumer waiting for batches (the workers are too slow),
    /// the workers blocked on a full buffer (the consumer is), or neither.
    static func verdict(consumerWait: Double, blocked: Double, reading: StageWaitsReading, theme: Theme) -> (
        String, Pen
    ) {
        if reading.waits.consumer.batches == 0 && reading.waits.workers.allSatisfy({ $0.batches == 0 }) {
            return ("no batch went through the pipeline in this window", theme.label)
        }
        if consumerWait >= paceShare && blocked >= paceShare {
            return (
                "both wait \(percent(consumerWait))/\(percent(blocked)): a slow (or descheduled) batch holds up the next",
                theme.error
            )
        }
        if consumerWait >= paceShare {
            let stages = reading.stages
            let slowest = [("read", stages.read), ("decode", stages.decode), ("preprocess", stages.preprocess)]
                .max { $0.1 < $1.1 }!.0
            return (
                "the consumer waits \(percent(consumerWait)) for batches: the workers set the pace (most: \(slowest))",
                theme.error
            )
        }
        if blocked >= paceShare {
            return (
                "the workers are blocked \(percent(blocked)) on a full buffer: the consumer sets the pace", theme.value
            )
        }
        return ("neither side waits much: the pipeline and its consumer keep pace", theme.value)
    }

    private static func threadLine(
        _ name: String, _ thread: StageWaits.Thread, waits: StageWaits, theme: Theme, busy: Bool = true,
        blocked: Bool = true
    ) -> (String, Pen) {
        (
            row(
                name, busy ? percent(waits.share(thread.busy)) : "–", percent(waits.share(thread.waitingForInput)),
                blocked ? percent(waits.share(thread.blockedOnOutput)) : "–", String(thread.batches)),
            theme.value
        )
    }

    /// `name` then four right-aligned columns.
    private static func row(_ name: String, _ a: String, _ b: String, _ c: String, _ d: String) -> String {
        DetailView.pad(name, 11) + DetailView.pad(a, 5, right: true) + DetailView.pad(b, 12, right: true)
            + DetailView.pad(c, 13, right: true) + DetailView.pad(d, 9, right: true)
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
