import Batching

/// `v`: how often each sample is visited over the configuration's epochs (`--epochs`, else 10),
/// counted from the index stream without reading data — a histogram of visit counts, the samples
/// never visited (how many, and the first ones), and each class's share of samples visited.
///
/// The histogram is on the left; per-class coverage on the right when the screen is 60 columns
/// or wider (narrower, a line says so). Rows that do not fit are summed into the last one
/// (histogram) or counted as `+k more classes`.
enum CoverageView: InspectorOverlay {
    /// The narrowest screen that shows per-class coverage beside the histogram.
    static let twoColumnWidth = 60

    static func draw(_ view: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let counted: InspectorCoverage
        switch view.coverage() {
        case .failure(let reason):
            OverlayFrame.failure("coverage", reason: reason.description, in: rect, theme: theme, into: &buffer)
            return
        case .success(let found): counted = found
        }
        let coverage = counted.coverage
        let epochs = "\(coverage.epochs) epochs" + (counted.epochsGiven ? "" : " (no --epochs: 10)")
        let body = OverlayFrame.begin(
            "coverage of \(epochs) · \(coverage.visits.count) samples · Esc closes", in: rect, theme: theme,
            into: &buffer)
        let never = coverage.neverVisitedCount
        if never == 0 {
            buffer.write("every sample visited", in: body, row: 0, pen: theme.value)
        } else {
            drawNeverVisited(coverage, cursor: view.state.coverageCursor, in: body, theme: theme, into: &buffer)
        }
        buffer.write(
            "counted from the index stream in \(seconds(counted.seconds))"
                + (never == 0 ? "" : " · ← → pick one, Enter shows it"), in: body,
            row: body.height - 1, pen: theme.label)
        let lists = Rect(x: body.x, y: body.y + 2, width: body.width, height: max(body.height - 3, 0))
        let twoColumns = rect.width >= twoColumnWidth
        let (left, right) = twoColumns ? lists.splitColumns(at: lists.width / 2) : (lists, lists)
        drawHistogram(coverage.histogram, in: left, theme: theme, into: &buffer)
        let classRect = Rect(x: right.x + 1, y: right.y, width: right.width - 1, height: right.height)
        if !twoColumns {
            buffer.write(
                "per-class coverage needs \(twoColumnWidth) columns", in: body, row: 1, pen: theme.label)
        } else if let labels = view.labels, view.classCount > 0 {
            let classes = coverage.classCoverage(labels: labels, classCount: view.classCount)
            drawClasses(classes, names: view.className, in: classRect, theme: theme, into: &buffer)
        } else {
            buffer.write("no class labels: no per-class coverage", in: classRect, row: 0, pen: theme.label)
        }
    }

    /// `never visited: N — i j k …`: a page of ``pageSize`` never-visited samples holding the
    /// cursor's, the cursor's drawn in the focus pen.
    private static func drawNeverVisited(
        _ coverage: Coverage, cursor: Int, in body: Rect, theme: Theme, into buffer: inout ScreenBuffer
    ) {
        let never = coverage.neverVisitedCount
        let selected = min(max(cursor, 0), never - 1)
        let first = selected / pageSize * pageSize
        let page = coverage.neverVisited(limit: first + pageSize).dropFirst(first)
        var x = body.x
        func put(_ text: String, _ pen: Pen) {
            guard x < body.maxX else { return }
            buffer.write(text, x: x, y: body.y, pen: pen, maxWidth: body.maxX - x)
            x += ScreenBuffer.columns(text)
        }
        put("never visited: \(never) — " + (first > 0 ? "… " : ""), theme.error)
        for (offset, index) in page.enumerated() {
            if offset > 0 { put(" ", theme.error) }
            put(String(index), first + offset == selected ? theme.focusedTitle : theme.error)
        }
        if first + page.count < never { put(" …", theme.error) }
    }

    /// Never-visited samples listed at once; the cursor turns the page.
    static let pageSize = 8

    /// Rows `visits  samples  bar`; when the counts do not fit, the last row sums the rest (`≥k`).
    private static func drawHistogram(_ histogram: [Int], in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer)
    {
        guard rect.height >= 2 else { return }
        buffer.write("visits    samples", in: rect, row: 0, pen: theme.label)
        let rows = rect.height - 1
        var shown = histogram.enumerated().map { (label: String($0.offset), count: $0.element) }
        if shown.count > rows {
            let rest = shown[(rows - 1)...].reduce(0) { $0 + $1.count }
            shown = Array(shown.prefix(rows - 1)) + [(label: "≥\(rows - 1)", count: rest)]
        }
        let largest = max(shown.map(\.count).max() ?? 1, 1)
        let barWidth = max(rect.width - 18, 0)
        for (offset, entry) in shown.enumerated() {
            let bar = String(repeating: "█", count: entry.count == 0 ? 0 : max(1, entry.count * barWidth / largest))
            let line = pad(entry.label, 6) + pad(String(entry.count), 10, right: true) + " " + bar
            buffer.write(
                line, in: rect, row: offset + 1, pen: entry.label == "0" && entry.count > 0 ? theme.error : theme.value)
        }
    }

    /// Rows `class  visited/total  share`; classes past the rect are counted in the last row.
    private static func drawClasses(
        _ classes: [(visited: Int, total: Int)], names: (Int) -> String, in rect: Rect, theme: Theme,
        into buffer: inout ScreenBuffer
    ) {
        guard rect.height >= 2 else { return }
        buffer.write("class       visited of all", in: rect, row: 0, pen: theme.label)
        let rows = rect.height - 1
        let fits = classes.count <= rows ? classes.count : rows - 1
        for (label, entry) in classes.prefix(fits).enumerated() {
            let share = entry.total == 0 ? 0 : Double(entry.visited) / Double(entry.total)
            let line =
                pad(ScreenBuffer.shortened(names(label), to: 10), 11) + "\(entry.visited)/\(entry.total) "
                + "\(Int((share * 100).rounded(.down)))%"
            buffer.write(line, in: rect, row: label + 1, pen: entry.visited < entry.total ? theme.error : theme.value)
        }
        if fits < classes.count {
            buffer.write("+\(classes.count - fits) more classes", in: rect, row: rows, pen: theme.label)
        }
    }

    private static func seconds(_ value: Double) -> String {
        value < 1 ? "\(Int((value * 1000).rounded())) ms" : "\((value * 100).rounded() / 100) s"
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        DetailView.pad(text, width, right: right)
    }
}
