import Batching

/// `t`: the selected sample through each preprocessing stage, left to right — the raw image,
/// then every stage's output, each under its stage and parameters as applied to this sample
/// (crop box, flip made or not, normalisation's mean and std, the window) and above its min,
/// max, mean and NaN/Inf counts. When the panels do not fit (each needs
/// ``minimumPanelWidth`` columns), the first ones are shown and the last row says how many
/// stages are left out and the width that shows them all.
enum TransformStepsView: InspectorOverlay {
    /// The narrowest panel: a caption such as `crop 24×24` and `box y 2..<26 x 0..<24` cut short.
    static let minimumPanelWidth = 14

    static func draw(_ view: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let steps: TransformSteps
        switch TransformSteps.of(view) {
        case .failure(let reason):
            OverlayFrame.failure(
                "each transform, step by step", reason: reason.description, in: rect, theme: theme, into: &buffer)
            return
        case .success(let found): steps = found
        }
        let body = OverlayFrame.begin(
            "sample \(steps.sampleIndex) · each transform, step by step · Esc closes", in: rect, theme: theme,
            into: &buffer)
        let fitting = max(1, (body.width + 1) / (minimumPanelWidth + 1))
        let shown = min(steps.panels.count, fitting)
        var panelHeight = body.height
        if let failure = steps.failure {
            panelHeight -= 1
            buffer.write(
                "the stages failed on this batch: \(failure)", in: body, row: body.height - 1, pen: theme.error)
        } else if shown < steps.panels.count {
            panelHeight -= 1
            let missing = steps.panels.count - shown
            let needed = steps.panels.count * (minimumPanelWidth + 1) - 1
            buffer.write(
                "\(missing) more stage(s) not shown: all \(steps.panels.count) need \(needed) columns",
                in: body, row: body.height - 1, pen: theme.error)
        }
        let width = (body.width - (shown - 1)) / shown
        for (column, panel) in steps.panels.prefix(shown).enumerated() {
            let area = Rect(x: body.x + column * (width + 1), y: body.y, width: width, height: panelHeight)
            draw(panel, in: area, view: view, theme: theme, into: &buffer)
        }
    }

    /// One panel: caption, detail, the image, and three rows of statistics.
    private static func draw(
        _ panel: TransformSteps.Panel, in rect: Rect, view: any InspectorView, theme: Theme,
        into buffer: inout ScreenBuffer
    ) {
        buffer.write(panel.caption, in: rect, row: 0, pen: theme.title)
        buffer.write(panel.detail, in: rect, row: 1, pen: theme.value)
        let stats = panel.statistics
        let lines = [
            "min \(number(stats.minimum))", "max \(number(stats.maximum))", "mean \(number(stats.mean))",
            "NaN \(stats.nanCount) Inf \(stats.infinityCount)",
        ]
        let statRows = min(lines.count, max(rect.height - 3, 0))
        var imageRows = rect.height - 2 - statRows
        if let label = panel.labelImage, imageRows >= 3 {
            // The label image (a mask) under the image, cut by the same stages.
            let labelRows = (imageRows - 1) / 2
            imageRows -= labelRows + 1
            let top = rect.y + 2 + imageRows
            buffer.write("label \(label.width)×\(label.height)", in: rect, row: 2 + imageRows, pen: theme.label)
            ImagePainter.draw(
                DisplayImage(label, scaling: .stretch, channel: 0),
                in: Rect(x: rect.x, y: top + 1, width: rect.width, height: labelRows), mode: view.state.colorMode,
                into: &buffer)
        }
        if imageRows > 0 {
            let image = DisplayImage(panel.image, scaling: view.state.scaling, channel: view.state.channel)
            let area = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: imageRows)
            ImagePainter.draw(image, in: area, mode: view.state.colorMode, into: &buffer)
            if let box = panel.cropBox {
                markCorners(of: box, on: panel.image, in: area, pen: theme.error, into: &buffer)
            }
        }
        let warn = stats.nanCount > 0 || stats.infinityCount > 0
        for (offset, line) in lines.prefix(statRows).enumerated() {
            let pen = offset == lines.count - 1 && warn ? theme.error : theme.label
            buffer.write(line, in: rect, row: rect.height - statRows + offset, pen: pen)
        }
    }

    /// Marks the corners of `box` (pixels of `image`) with ┌ ┐ └ ┘ where ``ImagePainter`` drew
    /// `image` fitted and centred in `area`.
    private static func markCorners(
        of box: CropBox, on image: RawImage, in area: Rect, pen: Pen, into buffer: inout ScreenBuffer
    ) {
        let size = ImagePainter.fittedSize(
            width: image.width, height: image.height, columns: area.width, rows: area.height)
        guard size.width > 0, image.width > 0, image.height > 0 else { return }
        let x = area.x + (area.width - size.width) / 2
        let y = area.y + (area.height - (size.height + 1) / 2) / 2
        func column(_ pixel: Int) -> Int { x + min(pixel * size.width / image.width, size.width - 1) }
        func row(_ pixel: Int) -> Int { y + min(pixel * size.height / image.height, size.height - 1) / 2 }
        let (left, right) = (column(box.left), column(box.left + box.width - 1))
        let (top, bottom) = (row(box.top), row(box.top + box.height - 1))
        for (glyph, cx, cy) in [("┌", left, top), ("┐", right, top), ("└", left, bottom), ("┘", right, bottom)] {
            buffer.write(glyph, x: cx, y: cy, pen: pen, maxWidth: 1)
        }
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? LabelValueFormat.compact(value, significantDigits: 3) : "–"
    }
}
