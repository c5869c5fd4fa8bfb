/// Pane 5: samples, batches and megabytes per second, how the time splits between reading,
/// decoding and preprocessing (and, with a python stage, its function and transport), and a graph of the sample rate. The inspector measures these
/// itself, around each batch it produces.
enum ThroughputPane {
    static func draw(_ session: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let running = session.state.running
        let rates = session.meter.rates(running: running)
        let note = running ? "live" : "per batch, stepping"
        let content = PaneFrame.draw(
            .throughput, in: rect, focused: session.state.focus == .throughput, note: note,
            theme: theme, into: &buffer)
        guard content.height > 0 else { return }
        var items = [
            ("", Units.count(rates.samplesPerSecond) + " samples/s"),
            ("", Units.count(rates.batchesPerSecond) + " batches/s"),
            ("", Units.megabytesPerSecond(rates.bytesPerSecond)),
            ("read ", Units.percent(rates.readShare)), ("decode ", Units.percent(rates.decodeShare)),
            ("preprocess ", Units.percent(rates.preprocessShare)),
        ]
        // A batch shown page first: its own times come with its whole read.
        if let batch = session.current, !batch.isWhole { items.insert(("this batch ", "reading…"), at: 0) }
        // A python stage: how much of the preprocessing was its function, and moving data to it.
        if rates.externalShare + rates.transportShare > 0 {
            items += [
                ("python ", Units.percent(rates.externalShare)), ("transport ", Units.percent(rates.transportShare)),
            ]
        }
        let used = buffer.flow(items, in: content, row: 0, label: theme.label, value: theme.value)
        let graphRows = content.height - used
        guard graphRows > 0 else { return }
        let lines = Sparkline.lines(session.meter.samplesPerSecondHistory, width: content.width, rows: graphRows)
        for (i, line) in lines.enumerated() { buffer.write(line, in: content, row: used + i, pen: theme.graph) }
    }
}
