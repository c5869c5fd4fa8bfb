/// Where each part of the screen goes for a terminal size and the panes that are shown.
///
/// The header takes the top rows and the footer the bottom two. On a wide screen (≥ 80 columns)
/// the batch grid takes the left and the other panes stack in a column on the right; on a narrow
/// but tall one they stack below the grid; otherwise only the grid is shown. Pane heights follow
/// what each has to show, and spare rows go to the class balance and the graphs.
///
/// ```swift
/// let layout = InspectorLayout(width: 100, height: 30, visible: Set(PaneID.allCases), classCount: 10)
/// layout.panes[.grid]    // Rect(x: 0, y: 3, width: 58, height: 25)
/// ```
public struct InspectorLayout: Sendable, Hashable {
    /// The smallest terminal the inspector draws in.
    public static let minimumWidth = 48
    public static let minimumHeight = 14

    public var header: Rect
    public var body: Rect
    public var footer: Rect
    /// The rectangle of each visible pane that fits.
    public var panes: [PaneID: Rect]

    /// Whether a terminal of this size is big enough.
    public static func fits(width: Int, height: Int) -> Bool { width >= minimumWidth && height >= minimumHeight }

    /// - Parameter preprocessorRows: the rows the preprocessor pane wants (2 when there is none).
    public init(width: Int, height: Int, visible: Set<PaneID>, classCount: Int, preprocessorRows: Int = 4) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let headerRows = height >= 24 ? 3 : 2
        let (header, rest) = screen.splitRows(at: headerRows)
        let (body, footer) = rest.splitRows(at: rest.height - 2)
        self.header = header
        self.body = body
        self.footer = footer
        panes = [:]
        let side = [PaneID.balance, .preprocessor, .memory, .throughput].filter { visible.contains($0) }
        let showGrid = visible.contains(.grid)
        if side.isEmpty {
            if showGrid { panes[.grid] = body }
            return
        }
        if !showGrid {
            stack(side, in: body, classCount: classCount, preprocessorRows: preprocessorRows)
        } else if width >= 80 {
            let sideWidth = min(max(width * 2 / 5, 36), 64)
            let (left, right) = body.splitColumns(at: width - sideWidth)
            panes[.grid] = left
            stack(
                side, in: Rect(x: right.x + 1, y: right.y, width: right.width - 1, height: right.height),
                classCount: classCount,
                preprocessorRows: preprocessorRows)
        } else if height >= 36 {
            let (top, bottom) = body.splitRows(at: body.height / 2)
            panes[.grid] = top
            stack(side, in: bottom, classCount: classCount, preprocessorRows: preprocessorRows)
        } else {
            panes[.grid] = body
        }
    }

    /// Stacks `ids` top to bottom in `area`, giving each what it asks for, trimming the class
    /// balance first when rows are short and dropping panes that find no room.
    private mutating func stack(_ ids: [PaneID], in area: Rect, classCount: Int, preprocessorRows: Int) {
        func wanted(_ id: PaneID) -> (min: Int, ideal: Int) {
            switch id {
            case .balance: (4, 2 + max(classCount, 1))
            case .preprocessor: (2, preprocessorRows)
            case .memory: (3, 5)
            case .throughput: (3, 5)
            case .grid: (3, 3)
            }
        }
        var heights = ids.map { wanted($0).ideal }
        var excess = heights.reduce(0, +) - area.height
        // Trim towards the minimums, the class balance first.
        for i in ids.indices.sorted(by: { ids[$0] == .balance && ids[$1] != .balance }) where excess > 0 {
            let cut = min(excess, heights[i] - wanted(ids[i]).min)
            heights[i] -= cut
            excess -= cut
        }
        var shown = Array(ids.indices)
        while excess > 0, let last = shown.popLast() {
            excess -= heights[last]
            heights[last] = 0
        }
        // Spare rows go to the graphs (memory and throughput) in turn, else to the last pane.
        let graphs = shown.filter { ids[$0] == .memory || ids[$0] == .throughput }
        var spare = -excess
        while spare > 0, !graphs.isEmpty {
            for i in graphs where spare > 0 {
                heights[i] += 1
                spare -= 1
            }
        }
        if spare > 0, let last = shown.last { heights[last] += spare }
        var y = area.y
        for i in shown {
            panes[ids[i]] = Rect(x: area.x, y: y, width: area.width, height: heights[i])
            y += heights[i]
        }
    }
}
