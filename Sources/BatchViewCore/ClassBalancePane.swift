/// Pane 2: for each class, bars for its share of this batch, of this epoch so far, of the whole
/// dataset and of the sampler's target. All bars share one scale, so a class the sampler
/// over- or under-draws shows a longer or shorter bar than its target; classes whose epoch count
/// is more than three standard deviations off the target are marked ▲ or ▼.
enum ClassBalancePane {
    static let columns = ["batch", "epoch", "data", "target"]

    static func draw(_ session: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let focused = session.state.focus == .balance
        guard let balance = session.balance, let batch = session.current else {
            let content = PaneFrame.draw(.balance, in: rect, focused: focused, theme: theme, into: &buffer)
            let message =
                session.labelSummary.note
                ?? (session.labels == nil ? "no labels, so no classes to count" : "no batch loaded")
            buffer.writeWrapped(message, in: content, row: 0, pen: theme.label)
            return
        }
        let batchCounts = balance.counts(of: batch.indices)
        let epochCounts = session.epochClassCounts()
        let epochTotal = epochCounts.reduce(0, +)
        let table = [
            Histogram.shares(batchCounts), Histogram.shares(epochCounts),
            Histogram.shares(balance.datasetCounts), balance.targetShares,
        ]
        let note = "epoch so far: \(epochTotal)"
        let content = PaneFrame.draw(.balance, in: rect, focused: focused, note: note, theme: theme, into: &buffer)
        guard content.height > 0 else { return }

        let classCount = balance.classCount
        let nameWidth = min(max((0..<classCount).map { session.className($0).count }.max() ?? 1, 1), 10)
        let columnWidth = max((content.width - nameWidth - 3) / 4, 2)
        let barWidth = columnWidth - 1
        let showPercent = barWidth >= 9
        let scale = max(table.flatMap { $0 }.max() ?? 0, 1e-12)

        var x = content.x + nameWidth + 1
        for (i, name) in columns.enumerated() {
            buffer.write(name, x: x, y: content.y, pen: theme.bars[i].adding(.bold), maxWidth: barWidth)
            x += columnWidth
        }
        // A note (such as labels < 0 left out) takes the pane's last row.
        let labelNote = session.labelSummary.note.flatMap { content.height > 2 ? $0 : nil }
        if let labelNote { buffer.write(labelNote, in: content, row: content.height - 1, pen: theme.dim) }
        let rowsAvailable = content.height - 1 - (labelNote == nil ? 0 : 1)
        let scroll = min(session.state.balanceScroll, max(classCount - rowsAvailable, 0))
        var shownRows = rowsAvailable
        if classCount - scroll > rowsAvailable { shownRows -= 1 }
        for line in 0..<max(shownRows, 0) {
            let label = scroll + line
            guard label < classCount else { break }
            let y = content.y + 1 + line
            buffer.write(
                ScreenBuffer.shortened(session.className(label), to: nameWidth), x: content.x, y: y, pen: theme.label,
                maxWidth: nameWidth)
            var x = content.x + nameWidth + 1
            for (i, shares) in table.enumerated() {
                var text = Histogram.bar(fraction: shares[label] / scale, width: barWidth)
                if showPercent {
                    let percent = Units.percent(shares[label])
                    var scalars = String.UnicodeScalarView(text.unicodeScalars.prefix(barWidth - percent.count - 1))
                    scalars.append(contentsOf: (" " + percent).unicodeScalars)
                    text = String(scalars)
                }
                buffer.write(text, x: x, y: y, pen: theme.bars[i], maxWidth: barWidth)
                x += columnWidth
            }
            let deviation = ClassBalance.deviation(
                observed: epochCounts[label], total: epochTotal, share: balance.targetShares[label])
            if deviation != 0 {
                buffer.write(deviation > 0 ? "▲" : "▼", x: x, y: y, pen: deviation > 0 ? theme.over : theme.under)
            }
        }
        if classCount - scroll > rowsAvailable {
            let hidden = classCount - scroll - shownRows
            buffer.write(
                "+\(hidden) more classes (Tab here, ↑↓ scroll)", in: content, row: rowsAvailable, pen: theme.dim)
        }
    }
}
