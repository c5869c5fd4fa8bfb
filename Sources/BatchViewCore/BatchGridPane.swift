/// Pane 1: every sample of the batch as a preview with its sample index and label under it,
/// the selected one highlighted (`▸`), samples with NaN or infinite values flagged (`!`, red),
/// long class names shortened with `…`, paged when the batch does not fit.
enum BatchGridPane {
    static func draw(_ session: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let state = session.state
        guard let batch = session.current else {
            let content = PaneFrame.draw(.grid, in: rect, focused: state.focus == .grid, theme: theme, into: &buffer)
            buffer.writeWrapped(
                "no batch: \(session.loadError ?? "nothing loaded")", in: content, row: 0, pen: theme.error)
            return
        }
        let area = imageArea(
            below: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1), for: batch)
        guard let geometry = session.gridGeometry(), batch.count > 0 else {
            _ = PaneFrame.draw(.grid, in: rect, focused: state.focus == .grid, theme: theme, into: &buffer)
            buffer.write("this batch is empty", in: area, row: 0, pen: theme.label)
            return
        }
        let perPage = geometry.perPage
        let page = state.selection / perPage
        let pages = (batch.count + perPage - 1) / perPage
        let shown = batch.preprocessed != nil && state.showAugmented ? "augmented" : "raw"
        let note = "\(shown) · zoom \(geometry.previewWidth) · page \(page + 1)/\(pages)"
        _ = PaneFrame.draw(.grid, in: rect, focused: state.focus == .grid, note: note, theme: theme, into: &buffer)
        if let failure = batch.preprocessingFailure { // its whole sentence is on the status line
            buffer.write(
                ScreenBuffer.shortened(failure.banner, to: rect.width), x: rect.x, y: rect.y + 1, pen: theme.error,
                maxWidth: rect.width)
        }
        let flagged = Set(batch.nonFiniteRows)
        for slot in 0..<perPage {
            let row = page * perPage + slot
            guard row < batch.count else { break }
            let tile = geometry.tile(slot, in: area)
            let preview = Rect(x: tile.x, y: tile.y, width: geometry.previewWidth, height: geometry.previewRows)
            if !batch.holdsImage(row: row) { // shown page first, this page not read yet (drawn next frame)
                buffer.write("…", x: preview.x, y: preview.y, pen: theme.label, maxWidth: preview.width)
            } else if state.showAugmented && batch.preprocessed != nil {
                ImagePainter.draw(
                    session.shownImage(batch, row: row), in: preview, mode: state.colorMode, into: &buffer)
            } else { // the raw rows: each preview resampled once (or ahead, by the read ahead)
                let key = PreviewCache.Key(
                    row: row, width: 0, height: 0, scaling: state.scaling, channel: state.channel)
                ImagePainter.draw(
                    session.shownImage(batch, row: row), in: preview, mode: state.colorMode, cache: batch.previews,
                    key: key, into: &buffer)
            }
            let selected = row == state.selection
            let bad = flagged.contains(row)
            // `▸` selected, `!` NaN or infinite values; then the sample index and the label, fitted.
            let caption = Self.caption(
                marks: (selected ? "▸" : " ") + (bad ? "!" : ""), index: batch.indices[row], width: tile.width
            ) { session.labelCaption(row: row, width: $0) }
            let pen =
                bad ? (selected ? theme.selectedFlagged : theme.flagged) : (selected ? theme.selected : theme.label)
            buffer.write(caption, x: tile.x, y: tile.y + geometry.previewRows, pen: pen, maxWidth: tile.width)
        }
    }

    /// A tile's caption: `marks`, the sample index and the label (from `label`, given the width
    /// it may take), within `width` columns. The label is fitted into what the whole index
    /// leaves; when nothing of it fits there, the index gives way, down to its last two digits
    /// after a `…`: the label is what a narrow grid is read for.
    static func caption(marks: String, index: Int, width: Int, label: (Int) -> String?) -> String {
        let digits = String(index)
        if let fitted = label(width - marks.count - digits.count - 1), fitted != "…" {
            return marks + digits + " " + fitted
        }
        guard digits.count > 3, let fitted = label(width - marks.count - 4), fitted != "…" else {
            return marks + digits
        }
        let room = width - marks.count - fitted.count - 1
        return marks + "…" + digits.suffix(max(room - 1, 2)) + " " + fitted
    }

    /// Where the previews go in `area`, the pane under its title row: under the banner too for
    /// a batch whose augmentation failed.
    static func imageArea(below area: Rect, for batch: LoadedBatch) -> Rect {
        guard batch.preprocessingFailure != nil else { return area }
        return Rect(x: area.x, y: area.y + 1, width: area.width, height: max(area.height - 1, 0))
    }
}
