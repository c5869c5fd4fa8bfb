import Batching

/// A sample no batch visits, opened from the coverage view (`v`, then Enter): the sample as
/// stored, read from the dataset by its index (it has no batch, so no batch row and no
/// augmentation), with its label, where it is stored, and per-channel statistics. Esc goes back
/// to the coverage view.
enum UnvisitedSampleView: InspectorOverlay {
    static func draw(_ view: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let title = "never-visited sample"
        guard let index = view.state.unvisitedSample, index >= 0, index < view.dataset.sampleCount else {
            OverlayFrame.failure(
                title, reason: "no sample picked: v, then ← → and Enter", in: rect, theme: theme, into: &buffer)
            return
        }
        let image: RawImage
        let label: String
        do {
            image = RawImage(batch: try view.dataset.images.gatherRows([index]), row: 0, layout: view.dataset.layout)
            label = try labelText(view, index: index)
        } catch {
            OverlayFrame.failure(
                title, reason: "sample \(index) could not be read: \(error)", in: rect, theme: theme, into: &buffer)
            return
        }
        let body = OverlayFrame.begin(
            "sample \(index) · \(label) · in no batch · Esc back to coverage", in: rect, theme: theme, into: &buffer)
        buffer.write(
            "\(view.dataset.origin(index)) · raw \(image.width)×\(image.height), as stored (no batch, no augmentation)",
            in: body, row: 0, pen: theme.label)
        let statistics = SampleStatistics.perChannel(image)
        let statRows = min(statistics.count + 1, max(body.height - 4, 0))
        let imageArea = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1 - statRows)
        if imageArea.height > 0 {
            ImagePainter.draw(
                DisplayImage(image, scaling: view.state.scaling, channel: view.state.channel), in: imageArea,
                mode: view.state.colorMode, into: &buffer)
        }
        guard statRows > 0 else { return }
        var y = imageArea.maxY
        buffer.write(
            "channel       min        max       mean        std    NaN    Inf", x: body.x, y: y, pen: theme.label,
            maxWidth: body.width)
        for (channel, stats) in statistics.enumerated().prefix(statRows - 1) {
            y += 1
            let cells = [
                DetailView.pad(String(channel), 7, right: true), DetailView.number(stats.minimum),
                DetailView.number(stats.maximum), DetailView.number(stats.mean),
                DetailView.number(stats.standardDeviation), DetailView.pad(String(stats.nanCount), 6, right: true),
                DetailView.pad(String(stats.infinityCount), 6, right: true),
            ]
            buffer.write(cells.joined(separator: " "), x: body.x, y: y, pen: theme.value, maxWidth: body.width)
        }
    }

    /// `label cat (3)`, `label 0.5`, or `no label`.
    private static func labelText(_ view: any InspectorView, index: Int) throws -> String {
        guard let column = view.dataset.labels else { return "no label" }
        let tensor = try column.gatherRows([index])
        if view.labels != nil, let number = LoadedBatch.labelValues(tensor)?.first {
            let named = view.dataset.classNames.map { number >= 0 && number < $0.count } ?? false
            return "label \(view.className(number))" + (named ? " (\(number))" : "")
        }
        return "label " + LabelValueFormat.compact(tensor.doubleValue(atElement: 0), significantDigits: 7)
    }
}
