/// Something the user asks the inspector to do; the key map turns keys into actions.
public enum InspectorAction: Hashable, Sendable {
    case nextBatch, previousBatch
    case nextEpoch, previousEpoch
    /// Open the "go to epoch and batch" prompt.
    case promptGoTo
    /// Open the "find the batch that holds sample i" prompt.
    case promptFind
    /// Move the selected sample by columns and rows of the grid.
    case moveSelection(dx: Int, dy: Int)
    case nextPage, previousPage
    /// Open the overlay, or close it when it is open.
    case toggleOverlay(OverlayID)
    case toggleAugmented
    case toggleShuffle
    case cycleSampler
    case toggleRun
    case zoomIn, zoomOut
    case cycleColor
    case toggleScaling
    case nextChannel
    /// Show the resume token of the batch on screen in the status line and copy it (`y`).
    case copyResumeToken
    /// Preprocess the batch on screen twice, independently, and compare the bytes (`R`).
    case checkReplay
    case focusNext, focusPrevious
    /// Show or hide pane 1…5.
    case togglePane(Int)
    case help
    case closeOverlay
    case quit
}

extension InspectorAction {
    /// Open or close the detail view of the selected sample.
    public static var openDetail: InspectorAction { .toggleOverlay(OverlayID(DetailView.self)) }
}
