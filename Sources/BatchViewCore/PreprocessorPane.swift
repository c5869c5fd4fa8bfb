import Batching

/// Pane 3: the preprocessor's slice state (slice i of n, batchLoaded, batchExhausted) as
/// DeepTrain's protocol defines it after this slice was handed out; for a `python:` stage the
/// function, its file, and this batch's time in the function and in transport; the replay
/// check's verdict (`R`); a bar of the whole sequence with the current window for a time
/// series, and the crop box and flips of the selected sample.
enum PreprocessorPane {
    /// The rows the pane asks for: the frame, the slice state and the sample, plus one for
    /// external stages and one for the replay check once it ran.
    static func rows(_ view: any InspectorView) -> Int {
        guard let preprocessing = view.dataset.preprocessing else { return 2 }
        let external = preprocessing.preprocessor?.externalStages.isEmpty == false
        return 4 + (external ? 1 : 0) + (view.replayStatus == nil ? 0 : 1)
    }

    static func draw(_ session: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let focused = session.state.focus == .preprocessor
        guard let preprocessing = session.dataset.preprocessing else {
            let content = PaneFrame.draw(.preprocessor, in: rect, focused: focused, theme: theme, into: &buffer)
            buffer.write("no preprocessor", in: content, row: 0, pen: theme.label)
            return
        }
        let content = PaneFrame.draw(
            .preprocessor, in: rect, focused: focused, note: preprocessing.name, theme: theme, into: &buffer)
        guard let batch = session.current else {
            buffer.write("no batch loaded", in: content, row: 0, pen: theme.label)
            return
        }
        // A python stage's function, times and replay verdict first: they are what its user
        // came for (its slice state is always "1 of 1").
        var row = 0
        let external = preprocessing.preprocessor?.externalStages ?? []
        if !external.isEmpty {
            row += buffer.flow(
                externalLine(external, times: batch.timing.stages), in: content, row: row, label: theme.label,
                value: theme.value)
        }
        if let status = session.replayStatus, row < content.height {
            let (text, failed) = replayLine(status)
            buffer.write(text, in: content, row: row, pen: failed ? theme.error : theme.value)
            row += 1
        }
        // After this slice was processed and the state updated (DeepTrain's update_state).
        let exhausted = batch.slice + 1 >= batch.sliceCount
        if row < content.height {
            row += buffer.flow(
                [
                    ("slice ", "\(batch.slice + 1) of \(batch.sliceCount)"),
                    ("batchLoaded ", exhausted ? "no" : "yes"), ("batchExhausted ", exhausted ? "yes" : "no"),
                ],
                in: content, row: row, label: theme.label, value: theme.value)
        }
        guard let slice = batch.preprocessed else { return }
        if let window = slice.window, let length = slice.sequenceLength, length > 0, row < content.height {
            let text = "steps \(window.lowerBound)..<\(window.upperBound) of \(length) "
            let bar = Rect(x: content.x, y: content.y + row, width: content.width - text.count, height: 1)
            let x = buffer.write(text, in: content, row: row, pen: theme.label)
            drawWindowBar(
                window: window, length: length, x: x, y: bar.y, width: content.maxX - x, theme: theme, into: &buffer)
            row += 1
        }
        let selection = session.state.selection
        if row < content.height, selection < slice.samples.count {
            buffer.write(
                "sample \(batch.indices[selection]): \(slice.samples[selection])", in: content, row: row,
                pen: theme.value)
        } else if row < content.height, slice.window == nil {
            buffer.write("images whole and upright", in: content, row: row, pen: theme.label)
        }
    }

    /// `python jitter() in aug.py · python 3.1 ms · transport 0.4 ms`: the external stages and
    /// this batch's time in them and in moving data to them.
    static func externalLine(_ stages: [any ExternalStage], times: StageTimes) -> [(String, String)] {
        let kinds = stages.map { $0.specification.split(separator: ":").first.map(String.init) ?? "external" }
        let names = zip(kinds, stages).map { kind, stage in
            let file = stage.definedIn.split(separator: "/").last.map(String.init) ?? stage.definedIn
            return "\(kind) \(stage.functionName)() in \(file)"
        }
        // `python` for python and python-sample stages: the time inside the user's functions.
        let inside = kinds[0].split(separator: "-").first.map(String.init) ?? kinds[0]
        return [
            ("", names.joined(separator: ", ")),
            ("\(inside) ", Units.milliseconds(times.external)), ("transport ", Units.milliseconds(times.transport)),
        ]
    }

    /// The replay check's line (the address as `e0 b3`: the pane is narrow; the status line has
    /// the whole sentence) and whether it reports a failure.
    static func replayLine(_ status: ReplayStatus) -> (String, Bool) {
        let at = status.address.short
        switch status {
        case .running: return ("replay: checking \(at)…", false)
        case .verdict(let verdict) where verdict.isReplayable: return ("replay ✓ \(at) same bytes twice", false)
        case .verdict(let verdict):
            let row = verdict.firstDifferingRow.map { "row \($0), " } ?? ""
            return (
                "replay ✗ \(at) \(verdict.differingSamples)/\(verdict.samples) samples differ (\(row)"
                    + "\(verdict.stage ?? "the preprocessor"))", true
            )
        case .failed(_, let message): return ("replay error \(at): \(message)", true)
        }
    }

    /// `[░░░███░░]`: the whole sequence, with the window's steps filled.
    static func drawWindowBar(
        window: Range<Int>, length: Int, x: Int, y: Int, width: Int, theme: Theme,
        into buffer: inout ScreenBuffer
    ) {
        guard width >= 3 else { return }
        let inner = width - 2
        buffer.write("[", x: x, y: y, pen: theme.label)
        for i in 0..<inner {
            let from = i * length / inner
            let to = max((i + 1) * length / inner, from + 1)
            let inside = from < window.upperBound && to > window.lowerBound
            buffer.write(inside ? "█" : "░", x: x + 1 + i, y: y, pen: inside ? theme.window : theme.dim)
        }
        buffer.write("]", x: x + width - 1, y: y, pen: theme.label)
    }
}
