/// The actions that change only how the inspector shows things — overlays, zoom out, colour,
/// scaling, focus, panes — carried out by the view state that owns them.
extension InspectorState {
    /// Carries out a view action; returns the status message it leaves, if any. Actions that
    /// are not the view state's own do nothing here.
    mutating func apply(_ action: InspectorAction, hasPreprocessing: Bool) -> String? {
        switch action {
        case .promptGoTo: overlay = .prompt(.goTo, text: "")
        case .promptFind: overlay = .prompt(.find, text: "")
        case .toggleOverlay(let id): overlay = overlay == .view(id) ? nil : .view(id)
        case .help:
            overlay = overlay == .help ? nil : .help
            helpPage = 0
        case .closeOverlay: overlay = nil
        case .toggleAugmented:
            showAugmented.toggle()
            return !hasPreprocessing
                ? "no preprocessor: raw and augmented are the same"
                : showAugmented ? "showing augmented samples" : "showing raw samples"
        case .zoomOut: zoom = max(zoom - 1, 0)
        case .cycleColor:
            colorMode = colorMode.next(upTo: bestColorMode)
            return "colour: \(colorMode.label)"
        case .toggleScaling:
            scaling = scaling == .fixed ? .stretch : .fixed
            return scaling == .fixed ? "pixels as stored, clipped to [0, 1]" : "each image stretched min–max"
        case .focusNext, .focusPrevious: moveFocus(forward: action == .focusNext)
        case .togglePane(let number): togglePane(number)
        default: break
        }
        return nil
    }

    /// A key while the help overlay is open: Space, →, ↓, n, PgDn turn to the next page (closing
    /// after the last), ←, ↑, p, PgUp to the previous one, when there are several; any other key
    /// closes it.
    mutating func turnHelpPage(after key: Key, pageCount pages: Int) {
        if pages > 1 {
            switch key {
            case .character(" "), .character("n"), .character("j"), .right, .down, .pageDown:
                if helpPage + 1 < pages {
                    helpPage += 1
                    return
                }
            case .character("p"), .character("k"), .left, .up, .pageUp:
                helpPage = max(min(helpPage, pages - 1) - 1, 0)
                return
            default: break
            }
        }
        overlay = nil
        helpPage = 0
    }

    private mutating func moveFocus(forward: Bool) {
        let visible = PaneID.allCases.filter { visiblePanes.contains($0) }
        guard !visible.isEmpty else { return }
        let here = visible.firstIndex(of: focus) ?? 0
        focus = visible[(here + (forward ? 1 : visible.count - 1)) % visible.count]
    }

    private mutating func togglePane(_ number: Int) {
        guard let pane = PaneID(rawValue: number) else { return }
        if visiblePanes.contains(pane) {
            visiblePanes.remove(pane)
            if focus == pane { moveFocus(forward: true) }
        } else {
            visiblePanes.insert(pane)
        }
    }
}
