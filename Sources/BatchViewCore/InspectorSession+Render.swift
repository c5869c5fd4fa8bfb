extension InspectorSession {
    /// The frame for a terminal of `width`×`height`: header, panes, footer and any overlay, or
    /// the "too small" screen (or, there, the help overlay on the whole screen).
    public func render(width: Int, height: Int) -> ScreenBuffer {
        screenSize = (width, height)
        guard InspectorLayout.fits(width: width, height: height) else {
            guard state.overlay == .help, HelpOverlay.fits(width: width, height: height) else {
                return TooSmallScreen.render(width: width, height: height)
            }
            var buffer = ScreenBuffer(width: width, height: height)
            HelpOverlay.draw(self, in: buffer.bounds, theme: Theme(mode: state.colorMode), into: &buffer)
            return buffer
        }
        preparePage()
        loader.requestPreviews(previewRequest())
        var buffer = ScreenBuffer(width: width, height: height)
        let theme = Theme(mode: state.colorMode)
        let layout = layout(width: width, height: height)
        HeaderPane.draw(self, in: layout.header, theme: theme, into: &buffer)
        for (id, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            switch id {
            case .grid: BatchGridPane.draw(self, in: rect, theme: theme, into: &buffer)
            case .balance: ClassBalancePane.draw(self, in: rect, theme: theme, into: &buffer)
            case .preprocessor: PreprocessorPane.draw(self, in: rect, theme: theme, into: &buffer)
            case .memory: MemoryPane.draw(self, in: rect, theme: theme, into: &buffer)
            case .throughput: ThroughputPane.draw(self, in: rect, theme: theme, into: &buffer)
            }
        }
        if layout.panes.isEmpty {
            buffer.write("every pane is hidden; 1…5 show them again", in: layout.body, row: 0, pen: theme.label)
        }
        FooterPane.draw(self, in: layout.footer, theme: theme, into: &buffer)
        switch state.overlay {
        case .help: HelpOverlay.draw(self, in: layout.body, theme: theme, into: &buffer)
        case .view(let overlay): overlay.draw(self, layout.body, theme, &buffer)
        case .prompt, nil: break
        }
        readPagesAhead()
        return buffer
    }

    /// The previews the page on screen shows, for the reads ahead to draw: the rows of this
    /// page (a key to another batch keeps the selection, so the page), raw, in this grid's
    /// cells; `nil` when the grid is hidden or shows the augmented images.
    func previewRequest() -> PreviewCache.Request? {
        guard !(state.showAugmented && dataset.preprocessing != nil), let geometry = gridGeometry(),
            geometry.perPage > 0
        else { return nil }
        let first = state.selection / geometry.perPage * geometry.perPage
        return PreviewCache.Request(
            rows: first..<(first + geometry.perPage), columns: geometry.previewWidth, cellRows: geometry.previewRows,
            scaling: state.scaling, channel: state.channel)
    }
}
