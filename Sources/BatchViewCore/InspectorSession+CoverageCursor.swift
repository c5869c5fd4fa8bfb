import Batching

/// The coverage view's cursor (`v`): ←/→ (h/l) move it over the samples never visited, Enter
/// shows the sample under it (``UnvisitedSampleView``), Esc there goes back to the coverage.
///
/// A never-visited sample is in no batch of the epochs counted, so there is no batch to go to
/// and no augmentation drawn for it (augmentation is keyed by batch address and row): the
/// sample is shown as stored, read from the dataset by its index.
extension InspectorSession {
    /// Applies `key` when the coverage view or the sample it opened is on screen and reads
    /// that key; returns whether it did.
    func handleCoverageKey(_ key: Key) -> Bool {
        let coverageView = Overlay.view(OverlayID(CoverageView.self))
        if state.overlay == .view(OverlayID(UnvisitedSampleView.self)), key == .escape {
            state.overlay = coverageView
            return true
        }
        guard state.overlay == coverageView else { return false }
        switch key {
        case .left, .character("h"): moveCoverageCursor(by: -1)
        case .right, .character("l"): moveCoverageCursor(by: 1)
        case .enter: openUnvisitedSample()
        default: return false
        }
        return true
    }

    /// The never-visited samples of the coverage counted for this configuration, if it could be.
    private var neverVisitedCount: Int? {
        try? coverage().get().coverage.neverVisitedCount
    }

    private func moveCoverageCursor(by step: Int) {
        guard let count = neverVisitedCount, count > 0 else {
            setStatus("every sample is visited: there is nothing to pick")
            return
        }
        state.coverageCursor = min(max(state.coverageCursor + step, 0), count - 1)
    }

    private func openUnvisitedSample() {
        guard let counted = try? coverage().get(), counted.coverage.neverVisitedCount > 0 else {
            setStatus("every sample is visited: there is nothing to show")
            return
        }
        let cursor = min(state.coverageCursor, counted.coverage.neverVisitedCount - 1)
        state.unvisitedSample = counted.coverage.neverVisited(limit: cursor + 1).last
        state.overlay = .view(OverlayID(UnvisitedSampleView.self))
    }
}
