/// The header: the file, the images and labels datasets with shape and type, the sampler,
/// seed, shuffle, batch size and preprocessor, and where the inspector is: epoch, batch of the
/// epoch, how many samples of the batch hold NaN or infinite values (when any do), the samples
/// of the stream the batch covers — or, with file batches, the batch's file and the global
/// indices of its samples, and the training step and epoch recorded with the file.
enum HeaderPane {
    static func draw(_ session: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let dataset = session.dataset
        let configuration = session.configuration
        var images = "\(dataset.imagesName) \(dataset.shapeDescription(dataset.images)) \(dataset.layout.rawValue)"
        if let channels = session.current.map({ $0.channelCount(layout: dataset.layout) }),
            channels != 1, channels != 3
        {
            images += " ch \(session.state.channel)/\(channels)"
        }
        let labels =
            dataset.labels.map { "\(dataset.labelsName ?? "labels") \(dataset.shapeDescription($0))" } ?? "none"
        let first: [(String, String)] = [("batchview ", dataset.name), ("  images: ", images), ("  labels: ", labels)]
        var second: [(String, String)] = [
            // File batches have no sampler: the files are the batches, in order or shuffled per epoch.
            ("sampler ", dataset.fileBatches == nil ? configuration.sampler.description : "none (a file a batch)"),
            ("  seed ", String(configuration.sampling.seed)),
            ("  shuffle ", configuration.shuffle ? "on" : "off"),
            ("  batch ", dataset.fileBatches == nil ? String(configuration.batchSize) : "a file"),
            ("  preprocess ", dataset.preprocessing?.name ?? "none"), ("  colour ", session.state.colorMode.label),
        ]
        if dataset.forwardOnly != nil { second.replaceSubrange(0...2, with: [("sampler ", "the source's own order")]) }
        var third = position(session)
        // Samples with NaN or infinite values, early on the line so that a narrow screen keeps it.
        let flagged = session.current?.nonFiniteRows.count ?? 0
        let warning = flagged > 0 ? third.count >= 2 ? 2 : third.count : nil
        if let warning, let batch = session.current {
            let among = batch.isWhole ? "of \(batch.count) samples" : "on this page"
            third.insert(("  ", "NaN/Inf: \(flagged) \(among)"), at: warning)
        }
        // A batch shown page first: what needs every row follows its whole read.
        if let batch = session.current, !batch.isWhole {
            let bytes = batch.count * batch.images.bytesPerRow
            third.insert(("  ", "reading \(Units.bytes(bytes))… (NaN scan, times)"), at: min(2, third.count))
        }
        if session.state.running { third.append(("  ", "▶ running")) }
        var joined = second
        joined[0].0 = "  " + joined[0].0
        let lines = rect.height >= 3 ? [first, second, third] : [first, third + joined]
        let positionRow = rect.height >= 3 ? 2 : 1
        for (row, line) in lines.enumerated() where row < rect.height {
            var x = rect.x
            for (item, (label, value)) in line.enumerated() {
                let pen = row == positionRow && item == warning ? theme.error : theme.value
                x = buffer.write(label, x: x, y: rect.y + row, pen: theme.label, maxWidth: rect.maxX - x)
                x = buffer.write(value, x: x, y: rect.y + row, pen: pen, maxWidth: rect.maxX - x)
            }
        }
    }

    /// `epoch e · batch k of K · samples i…j of the stream`, with the slice when there are several;
    /// with file batches `epoch e · batch k of K · file NAME · samples i…j` (global indices).
    static func position(_ session: any InspectorView) -> [(String, String)] {
        if let forwardOnly = forwardOnlyPosition(session) { return forwardOnly }
        let address = session.state.address
        let count = session.batchCount.map(String.init) ?? "∞"
        var parts: [(String, String)] = [
            ("epoch ", String(address.epoch)), ("  batch ", "\(address.batch) of \(count)"),
        ]
        if let batch = session.current {
            if batch.sliceCount > 1 { parts.append(("  slice ", "\(batch.slice + 1) of \(batch.sliceCount)")) }
            if let files = session.dataset.fileBatches {
                if let file = try? session.stream.file(epoch: address.epoch, batch: address.batch) {
                    parts.append(("  file ", files.fileNames[file]))
                    if let summary = files.recording(ofFile: file)?.summary, !summary.isEmpty {
                        parts.append(("  recorded ", summary))
                    }
                }
                var samples = "none"
                if let first = batch.indices.first, let last = batch.indices.last { samples = "\(first)…\(last)" }
                parts.append(("  samples ", samples))
                return parts
            }
            let size = session.configuration.batchSize
            let epochStart =
                session.plan.samplesPerEpoch.map { $0.multipliedReportingOverflow(by: address.epoch) } ?? (
                    partialValue: 0, overflow: false
                )
            let inEpoch = address.batch.multipliedReportingOverflow(by: size)
            let start = epochStart.partialValue.addingReportingOverflow(inEpoch.partialValue)
            let end = start.partialValue.addingReportingOverflow(max(batch.count - 1, 0))
            if epochStart.overflow || inEpoch.overflow || start.overflow || end.overflow {
                parts.append(("  samples ", "beyond \(Int.max)"))
            } else {
                parts.append(("  samples ", "\(start.partialValue)…\(end.partialValue)"))
            }
            parts.append((" of the stream", ""))
        }
        return parts
    }
}
