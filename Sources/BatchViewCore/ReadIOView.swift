/// `i`: how the batch on screen is read from the file — the read path and layout, the runs of
/// consecutive rows or the chunks touched, bytes read against bytes delivered (amplification),
/// the decoded-chunk cache's hits and misses in the batch's own read, its read and decode time, and
/// one line of advice when the layout fights the access pattern. Lines are cut at the pane's
/// width; when the pane is too short for all of them, its last row says how many are left out.
enum ReadIOView: InspectorOverlay {
    static func draw(_ view: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let title = "I/O of this batch"
        guard let batch = view.current, batch.count > 0 else {
            OverlayFrame.failure(title, reason: "no batch to show", in: rect, theme: theme, into: &buffer)
            return
        }
        guard let make = view.dataset.readReport else {
            OverlayFrame.failure(
                title, reason: "the I/O view reports a single HDF5 file's dataset; this data is not one",
                in: rect, theme: theme, into: &buffer)
            return
        }
        let report = make(batch.indices)
        let body = OverlayFrame.begin(
            "I/O of epoch \(batch.address.epoch) batch \(batch.address.batch) · Esc closes", in: rect, theme: theme,
            into: &buffer)
        var lines: [(String, Pen)] = [
            ("read path  \(report.readPath) · \(report.layout)", theme.value),
            ("samples    \(batch.count) in \(report.runs) run(s) of consecutive rows", theme.value),
        ]
        if let chunks = report.chunksTouched, let rows = report.rowsPerChunk {
            lines.append(("chunks     \(chunks) touched, \(rows) rows each", theme.value))
        }
        lines.append(("delivered  \(Units.bytes(report.bytesDelivered)) of samples", theme.value))
        lines.append(("read       \(Units.bytes(report.bytesRead)) from disk with a cold cache", theme.value))
        if let decoded = report.bytesDecoded {
            lines.append(("decoded    \(Units.bytes(decoded)) of whole chunks", theme.value))
        }
        let amplification = (report.amplification * 10).rounded() / 10
        lines.append(
            (
                "amplification \(amplification)× (\(report.bytesDecoded == nil ? "read" : "decoded") per delivered)",
                amplification >= 4 ? theme.error : theme.value
            ))
        if let lookups = batch.timing.chunkLookups {
            lines.append(
                ("chunk cache \(lookups.hits) hits, \(lookups.misses) misses in this batch's read", theme.value))
        } else if report.chunksTouched != nil {
            lines.append(("chunk cache none counted (libhdf5's own cache, or a batch kept from before)", theme.label))
        }
        let times = batch.timing.stages
        if batch.isWhole {
            lines.append(
                ("time       read \(milliseconds(times.read)) · decode \(milliseconds(times.decode))", theme.value))
        } else { // shown page first: the whole batch's read is still on its way
            lines.append(("time       pending: the whole batch is being read", theme.label))
        }
        lines.append(
            (report.advice ?? "the layout suits this access pattern", report.advice == nil ? theme.label : theme.error))
        OverlayFrame.write(lines, in: body, theme: theme, into: &buffer)
    }

    private static func milliseconds(_ seconds: Double) -> String {
        "\((seconds * 10_000).rounded() / 10) ms"
    }
}
