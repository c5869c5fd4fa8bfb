import Batching

/// The panes the `1`…`5` keys show and hide, numbered as on screen.
public enum PaneID: Int, CaseIterable, Sendable, Hashable {
    case grid = 1
    case balance, preprocessor, memory, throughput

    /// The pane's title.
    public var title: String {
        switch self {
        case .grid: "Batch"
        case .balance: "Class balance"
        case .preprocessor: "Preprocessor"
        case .memory: "Memory"
        case .throughput: "Throughput"
        }
    }
}

/// A question the inspector asks in the status line.
public enum PromptKind: Sendable, Hashable {
    /// `g`: an epoch and a batch.
    case goTo
    /// `/`: a sample index.
    case find

    /// The question shown before the typed text.
    public var question: String {
        switch self {
        case .goTo: "go to epoch and batch (e.g. 2 15, or 15 for this epoch): "
        case .find: "find sample: "
        }
    }
}

/// What covers the panes, if anything.
public enum Overlay: Sendable, Hashable {
    /// The keys (`?`), which turn its pages.
    case help
    /// A question in the status line, which takes the typed text.
    case prompt(PromptKind, text: String)
    /// A view drawn over the panes (``InspectorOverlay``), closed by its own key or Esc.
    case view(OverlayID)

    /// The detail view of the selected sample (Enter).
    public static var detail: Overlay { .view(OverlayID(DetailView.self)) }
}

/// The inspector's view state: where it is in the iteration and how it shows it. A value;
/// ``InspectorSession`` changes it in response to keys.
public struct InspectorState: Sendable, Hashable {
    /// The batch on screen.
    public var address = BatchAddress(epoch: 0, batch: 0)
    /// The preprocessor slice of that batch on screen.
    public var slice = 0
    /// The selected sample: its row in the batch.
    public var selection = 0
    /// Index into ``InspectorState/zoomLevels``.
    public var zoom = 5
    /// Show preprocessed (augmented) samples rather than raw ones.
    public var showAugmented = true
    public var colorMode: ColorMode
    /// The best colour mode the terminal allows; `c` cycles up to it.
    public var bestColorMode: ColorMode
    public var scaling: IntensityScaling = .fixed
    /// The channel shown for images with other than 1 or 3 channels.
    public var channel = 0
    public var visiblePanes: Set<PaneID> = Set(PaneID.allCases)
    public var focus: PaneID = .grid
    public var overlay: Overlay?
    /// Advancing continuously (`r`).
    public var running = false
    /// First class shown in the class-balance pane when it cannot show them all.
    public var balanceScroll = 0
    /// The page of the help overlay shown when its keys do not fit on one.
    public var helpPage = 0
    /// The never-visited sample the coverage view's cursor is on (its place in that list).
    public var coverageCursor = 0
    /// The sample the unvisited-sample view shows (by dataset index), opened from coverage.
    public var unvisitedSample: Int?

    /// Preview widths in columns, smallest first; `+` and `-` move through them.
    public static let zoomLevels = [4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 64, 80, 96]

    public init(colorMode: ColorMode) {
        self.colorMode = colorMode
        bestColorMode = colorMode
    }

    /// The zoom level whose preview width is nearest half an image `width` pixels wide, kept
    /// between 8 and 16 columns and never wider than the image.
    public static func defaultZoom(imageWidth width: Int) -> Int {
        let wanted = min(max(width / 2, 8), 16, max(width, 4))
        return zoomLevels.indices.min { abs(zoomLevels[$0] - wanted) < abs(zoomLevels[$1] - wanted) } ?? 5
    }

    /// The preview width of the current zoom.
    public var previewWidth: Int { Self.zoomLevels[min(max(zoom, 0), Self.zoomLevels.count - 1)] }
}
