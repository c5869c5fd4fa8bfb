import Batching

/// The detail view (Enter): the selected sample large, raw and preprocessed side by side, with
/// per-channel statistics, its label in full (a class name too long for the title line gets
/// lines of its own), its sample index and the file and row it came from — and, for a batch a
/// training loop recorded, the recorded step, epoch and the sample's original index.
enum DetailView: InspectorOverlay {
    static func draw(_ session: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        buffer.fill(rect)
        guard let batch = session.current, batch.count > 0 else {
            buffer.write("no sample to show", in: rect, row: 0, pen: theme.error)
            return
        }
        let row = min(session.state.selection, batch.count - 1)
        guard batch.holdsImage(row: row) else { // a batch shown page first, another page held
            buffer.write("reading the whole batch…", in: rect, row: 0, pen: theme.label)
            return
        }
        let index = batch.indices[row]
        let layout = session.dataset.layout
        // The label in full: the class name with its number, or the stored value.
        let classNumber = session.labels != nil ? batch.labels?[row] : nil
        // A class name is followed by its number.
        let namedNumber = classNumber.flatMap { n in
            (session.dataset.classNames.map { n >= 0 && n < $0.count } ?? false) ? " (\(n))" : nil
        }
        let label =
            session.labelText(row: row, significantDigits: 7).map { "label \($0)" + (namedNumber ?? "") } ?? "no label"
        let recorded = session.recordingText(row: row).map { " · recorded \($0)" } ?? ""
        let place = "batch row \(row) · \(session.dataset.origin(index))\(recorded)"
        let title = "sample \(index) · \(label) · \(place)"
        buffer.write(
            String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, pen: theme.rule, maxWidth: rect.width)
        var top = rect.y + 1
        if ScreenBuffer.columns(title) + 2 <= rect.width - 2 {
            buffer.write(" " + title + " ", x: rect.x + 1, y: rect.y, pen: theme.focusedTitle, maxWidth: rect.width - 2)
        } else {
            // A label too long for the title line gets lines of its own (at most three).
            buffer.write(
                " sample \(index) · \(place) ", x: rect.x + 1, y: rect.y, pen: theme.focusedTitle,
                maxWidth: rect.width - 2)
            var lines = ScreenBuffer.wrap(label, width: rect.width)
            if lines.count > 3 {
                lines =
                    Array(lines.prefix(2)) + [
                        ScreenBuffer.shortened(lines[2...].joined(separator: " "), to: rect.width)
                    ]
            }
            for line in lines where top < rect.maxY - 1 {
                buffer.write(line, x: rect.x, y: top, pen: theme.value, maxWidth: rect.width)
                top += 1
            }
        }
        let body = Rect(x: rect.x, y: top - 1, width: rect.width, height: rect.maxY - top + 1)

        let raw = batch.rawImage(row: row, layout: layout)
        let augmented = batch.preprocessed.map { RawImage(batch: $0.images, row: row, layout: layout) }
        // Every channel's statistics when they fit in half the view; otherwise a page of channels
        // that holds the one `x` selected.
        let sets = augmented == nil ? 1 : 2
        let statRows = min(1 + raw.channels * sets, max(body.height - 4, 0), max(9, body.height / 2))
        let perSet = max((statRows - 1) / sets, 1)
        let channel = min(session.state.channel, max(raw.channels - 1, 0))
        let firstChannel = raw.channels <= perSet ? 0 : min(channel / perSet * perSet, raw.channels - perSet)
        let shownChannels = firstChannel..<min(firstChannel + perSet, raw.channels)
        let imageArea = Rect(x: rect.x, y: body.y + 1, width: rect.width, height: body.height - 1 - statRows)
        let transform = batch.preprocessed.flatMap { row < $0.samples.count ? $0.samples[row] : nil }
        let display = { (augmented: Bool) in
            batch.image(
                row: row, augmented: augmented, layout: layout, scaling: session.state.scaling,
                channel: session.state.channel)
        }
        if let augmented {
            let shown = display(true)
            let half = (imageArea.width - 1) / 2
            let (left, right) = imageArea.splitColumns(at: half)
            panel(
                "raw \(raw.width)×\(raw.height)", image: display(false), in: left, session: session, theme: theme,
                into: &buffer)
            let caption = "augmented \(augmented.width)×\(augmented.height)" + (transform.map { " · \($0)" } ?? "")
            panel(
                caption, image: shown,
                in: Rect(x: right.x + 1, y: right.y, width: right.width - 1, height: right.height),
                session: session, theme: theme, into: &buffer)
        } else {
            panel(
                "raw \(raw.width)×\(raw.height) (no preprocessor)", image: display(false), in: imageArea,
                session: session, theme: theme, into: &buffer)
        }
        var y = imageArea.maxY
        guard statRows > 0 else { return }
        let more =
            shownChannels.count < raw.channels
            ? "  ch \(shownChannels.lowerBound)–\(shownChannels.upperBound - 1) of \(raw.channels), x steps" : ""
        buffer.write(
            "          channel       min        max       mean        std    NaN    Inf" + more, x: rect.x, y: y,
            pen: theme.label, maxWidth: rect.width)
        y += 1
        for (name, image) in [("raw", raw)] + (augmented.map { [("augmented", $0)] } ?? []) {
            let all = SampleStatistics.perChannel(image)
            for channel in shownChannels where channel < all.count && y < rect.maxY {
                let stats = all[channel]
                let cells = [
                    pad(channel == shownChannels.lowerBound ? name : "", 10), pad(String(channel), 7, right: true),
                    number(stats.minimum), number(stats.maximum), number(stats.mean), number(stats.standardDeviation),
                    pad(String(stats.nanCount), 6, right: true), pad(String(stats.infinityCount), 6, right: true),
                ]
                let warn = stats.nanCount > 0 || stats.infinityCount > 0
                buffer.write(
                    cells.joined(separator: " "), x: rect.x, y: y, pen: warn ? theme.error : theme.value,
                    maxWidth: rect.width)
                y += 1
            }
        }
    }

    private static func panel(
        _ caption: String, image: StoredImage, in rect: Rect, session: any InspectorView, theme: Theme,
        into buffer: inout ScreenBuffer
    ) {
        guard rect.height > 1 else { return }
        buffer.write(caption, in: rect, row: 0, pen: theme.title)
        ImagePainter.draw(
            image, in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1),
            mode: session.state.colorMode, into: &buffer)
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return pad("–", 10, right: true) }
        if abs(value) >= 1e15 { return pad(String(Float(value)), 10, right: true) }
        let text = abs(value) >= 1000 || value == value.rounded() ? String(Int(value.rounded())) : fourDecimals(value)
        return pad(text, 10, right: true)
    }

    private static func fourDecimals(_ value: Double) -> String {
        let scaled = Int((abs(value) * 10_000).rounded())
        let fraction = String(scaled % 10_000)
        return (value < 0 ? "-" : "") + "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count)
            + fraction
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let space = String(repeating: " ", count: max(width - text.count, 0))
        return right ? space + text : text + space
    }
}
