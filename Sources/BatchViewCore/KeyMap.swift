/// Which key does what, in one table that the help overlay is generated from.
///
/// ```swift
/// KeyMap.standard.action(for: .character("n"))   // .nextBatch
/// KeyMap.standard.action(for: .right)             // .nextBatch... unless the grid has focus
/// ```
public struct KeyMap: Sendable {
    /// One line of the help overlay: the keys as shown and what they do.
    public struct Binding: Sendable, Hashable {
        public var keys: [Key]
        public var action: InspectorAction
        public var label: String
        public var help: String
    }

    /// The bindings, in help order.
    public let bindings: [Binding]

    /// The inspector's keys (issue #6).
    public static let standard = KeyMap(bindings: [
        Binding(keys: [.character("n"), .character(" ")], action: .nextBatch, label: "n Space", help: "next batch"),
        Binding(
            keys: [.character("p")], action: .previousBatch, label: "p", help: "previous batch (the same one exactly)"),
        Binding(keys: [.character("N")], action: .nextEpoch, label: "N", help: "next epoch"),
        Binding(keys: [.character("P")], action: .previousEpoch, label: "P", help: "previous epoch"),
        Binding(
            keys: [.character("g")], action: .promptGoTo, label: "g", help: "go to an epoch and batch, or s120: a step"),
        Binding(
            keys: [.character("/")], action: .promptFind, label: "/",
            help: "find the batch holding sample i"),
        Binding(
            keys: [.character("h"), .left], action: .moveSelection(dx: -1, dy: 0), label: "h ←",
            help: "select left (from the first sample: previous batch)"),
        Binding(
            keys: [.character("l"), .right], action: .moveSelection(dx: 1, dy: 0), label: "l →",
            help: "select right (from the last sample: next batch)"),
        Binding(keys: [.character("k"), .up], action: .moveSelection(dx: 0, dy: -1), label: "k ↑", help: "select up"),
        Binding(
            keys: [.character("j"), .down], action: .moveSelection(dx: 0, dy: 1), label: "j ↓", help: "select down"),
        Binding(
            keys: [.pageDown, .character("]")], action: .nextPage, label: "] PgDn", help: "next page of the batch"),
        Binding(
            keys: [.pageUp, .character("[")], action: .previousPage, label: "[ PgUp", help: "previous page of the batch"
        ),
        Binding(keys: [.enter], action: .openDetail, label: "Enter", help: "detail view of the selected sample"),
        Binding(keys: [.character("a")], action: .toggleAugmented, label: "a", help: "raw / augmented samples"),
        Binding(keys: [.character("s")], action: .toggleShuffle, label: "s", help: "shuffle on / off"),
        Binding(
            keys: [.character("b")], action: .cycleSampler, label: "b",
            help: "cycle the sampler (uniform, balanced, weights)"),
        Binding(keys: [.character("r")], action: .toggleRun, label: "r", help: "run / pause through the pipeline"),
        Binding(keys: [.character("+"), .character("=")], action: .zoomIn, label: "+", help: "zoom in"),
        Binding(keys: [.character("-"), .character("_")], action: .zoomOut, label: "-", help: "zoom out"),
        Binding(keys: [.character("c")], action: .cycleColor, label: "c", help: "colour: truecolor, 256, ascii"),
        Binding(
            keys: [.character("m")], action: .toggleScaling, label: "m",
            help: "float pixels: clip / stretch"),
        Binding(
            keys: [.character("x")], action: .nextChannel, label: "x",
            help: "next channel (images with 2 or 4+ channels)"),
        Binding(
            keys: [.character("t")], action: .toggleOverlay(OverlayID(TransformStepsView.self)), label: "t",
            help: "transform steps"),
        Binding(
            keys: [.character("v")], action: .toggleOverlay(OverlayID(CoverageView.self)), label: "v",
            help: "coverage"),
        Binding(
            keys: [.character("i")], action: .toggleOverlay(OverlayID(ReadIOView.self)), label: "i",
            help: "I/O of this batch"),
        Binding(
            keys: [.character("w")], action: .toggleOverlay(OverlayID(StageWaitsView.self)), label: "w",
            help: "stage waits (while r runs)"),
        Binding(keys: [.character("y")], action: .copyResumeToken, label: "y", help: "copy resume token"),
        Binding(keys: [.character("R")], action: .checkReplay, label: "R", help: "replay check (preprocess twice)"),
        Binding(keys: [.tab], action: .focusNext, label: "Tab", help: "focus the next pane"),
        Binding(keys: [.backTab], action: .focusPrevious, label: "S-Tab", help: "focus the previous pane"),
        Binding(
            keys: (1...5).map { .character(Character(String($0))) }, action: .togglePane(0), label: "1…5",
            help: "show / hide grid, balance, preprocessor, memory, throughput"),
        Binding(keys: [.character("?")], action: .help, label: "?", help: "this help"),
        Binding(
            keys: [.escape], action: .closeOverlay, label: "Esc",
            help: "close an overlay; cancel a python call running long"),
        Binding(keys: [.character("q"), .controlC], action: .quit, label: "q C-c", help: "quit"),
    ])

    /// The action bound to `key`, or `nil` when the key does nothing.
    public func action(for key: Key) -> InspectorAction? {
        if case .character(let c) = key, let digit = c.wholeNumberValue, (1...5).contains(digit), c.isASCII {
            return .togglePane(digit)
        }
        return bindings.first { $0.keys.contains(key) }?.action
    }
}
