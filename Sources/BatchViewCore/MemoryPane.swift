/// Pane 4: resident memory now and at its peak (`/proc/self/status`), the heap change the last
/// batch caused (heap Δ) (glibc's allocator count, when the front end can read it), the bytes the
/// inspector holds in batch buffers, the reader's decoded-chunk cache, and a graph of the resident set.
/// Its title says what MB means (``ByteUnits``: 10^6 bytes), for the whole screen.
enum MemoryPane {
    /// The unit note in the pane's title.
    static let unitNote = "MB = 10^6 bytes"

    static func draw(_ session: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let memory = session.memory
        let content = PaneFrame.draw(
            .memory, in: rect, focused: session.state.focus == .memory, note: Self.unitNote, theme: theme,
            into: &buffer)
        guard content.height > 0 else { return }
        var items: [(String, String)] = [
            ("RSS ", Units.bytes(memory.residentBytes)),
            ("peak ", Units.bytes(memory.peakResidentBytes)),
            ("heap Δ ", session.heapDelta.map { Units.bytes($0, signed: true) } ?? "n/a"),
        ]
        if let inUse = memory.heapInUseBytes { items.append(("heap ", Units.bytes(inUse))) }
        items.append(("held ", Units.bytes(session.heldBytes) + " in batch buffers"))
        if let cache = session.dataset.cacheBytes?() { items.append(("chunk cache ", Units.bytes(cache))) }
        let used = buffer.flow(items, in: content, row: 0, label: theme.label, value: theme.value)
        let graphRows = content.height - used
        guard graphRows > 0 else { return }
        let lines = Sparkline.lines(session.residentHistory, width: content.width, rows: graphRows)
        for (i, line) in lines.enumerated() { buffer.write(line, in: content, row: used + i, pen: theme.graph) }
    }
}
