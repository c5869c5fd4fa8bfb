/// The pens the panes draw with, for one colour mode. Without colour only attributes remain
/// (bold, reverse), so selection and focus still show.
public struct Theme: Sendable {
    public let mode: ColorMode

    public init(mode: ColorMode) { self.mode = mode }

    private func color(_ index: UInt8) -> CellColor { mode == .none ? .default : .indexed(index) }

    /// Pane titles.
    public var title: Pen { Pen(foreground: color(6), style: .bold) }
    /// The title of the pane with focus.
    public var focusedTitle: Pen { Pen(foreground: color(11), style: [.bold, .reverse]) }
    /// Rules and frames.
    public var rule: Pen { Pen(foreground: color(240)) }
    /// Names of values ("epoch", "RSS").
    public var label: Pen { Pen(foreground: color(245)) }
    /// Values.
    public var value: Pen { Pen(style: .bold) }
    /// The selected sample.
    public var selected: Pen { Pen(foreground: color(11), style: [.bold, .reverse]) }
    /// Text of no importance.
    public var dim: Pen { Pen(foreground: color(242)) }
    /// The caption of a sample with NaN or infinite values (its `!` marks it without colour too).
    public var flagged: Pen { Pen(foreground: color(9), style: .bold) }
    /// The caption of the selected sample when it has NaN or infinite values.
    public var selectedFlagged: Pen { Pen(foreground: color(9), style: [.bold, .reverse]) }
    /// Errors.
    public var error: Pen { Pen(foreground: color(9), style: .bold) }
    /// Running, good news.
    public var good: Pen { Pen(foreground: color(10), style: .bold) }
    /// Over-drawn classes.
    public var over: Pen { Pen(foreground: color(9), style: .bold) }
    /// Under-drawn classes.
    public var under: Pen { Pen(foreground: color(12), style: .bold) }
    /// The four class-balance bars: batch, epoch, dataset, target.
    public var bars: [Pen] {
        [
            Pen(foreground: color(14)), Pen(foreground: color(10)), Pen(foreground: color(250)),
            Pen(foreground: color(11)),
        ]
    }
    /// Sparklines.
    public var graph: Pen { Pen(foreground: color(13)) }
    /// The window marked on a sequence bar.
    public var window: Pen { Pen(foreground: color(11), style: .bold) }
}
