import Batching

/// Pane 3: the preprocessor's slice state (slice i of n, batchLoaded, batchExhausted) as
/// DeepTrain's protocol defines it after this slice was handed out, a bar of the whole sequence
/// with the current window for a time series, and the crop box and flips of the selected sample.
enum PreprocessorPane {
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
        // After this slice was processed and the state updated (DeepTrain's update_state).
        let exhausted = batch.slice + 1 >= batch.sliceCount
        var row = buffer.flow(
            [
                ("slice ", "\(batch.slice + 1) of \(batch.sliceCount)"),
                ("batchLoaded ", exhausted ? "no" : "yes"), ("batchExhausted ", exhausted ? "yes" : "no"),
            ],
            in: content, row: 0, label: theme.label, value: theme.value)
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
