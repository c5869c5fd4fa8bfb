/// How images and the interface are coloured.
///
/// ``truecolor`` is used only where the terminal says it can (`COLORTERM=truecolor` or `24bit`);
/// ``palette256`` quantises to xterm-256; ``none`` draws images with an ASCII ramp and no colour
/// at all, for `NO_COLOR`, `TERM=dumb` and `--color none`.
///
/// ```swift
/// let mode = ColorMode.detect(environment: ["TERM": "xterm-256color"])   // .palette256
/// ```
public enum ColorMode: String, Sendable, Hashable, CaseIterable {
    /// No colour; images use the ASCII ramp ` .:-=+*#%@`.
    case none
    /// The xterm-256 palette: 6×6×6 cube and 24-step grey ramp.
    case palette256 = "256"
    /// 24-bit colour.
    case truecolor

    /// The best mode the environment allows.
    ///
    /// `NO_COLOR` (any value) and `TERM=dumb` give ``none``; `COLORTERM=truecolor|24bit` gives
    /// ``truecolor``; anything else ``palette256``.
    public static func detect(environment: [String: String]) -> ColorMode {
        if environment["NO_COLOR"] != nil { return .none }
        if environment["TERM"] == "dumb" { return .none }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        return .palette256
    }

    /// The next mode for the `c` key, cycling through the modes up to `best`.
    public func next(upTo best: ColorMode) -> ColorMode {
        let order: [ColorMode] = [.truecolor, .palette256, .none]
        let allowed = order.drop { $0 != best }
        guard let here = allowed.firstIndex(of: self) else { return best }
        let after = allowed.index(after: here)
        return after == allowed.endIndex ? best : allowed[after]
    }

    /// The name shown in the header and the status line.
    public var label: String {
        switch self {
        case .none: "ascii"
        case .palette256: "256"
        case .truecolor: "truecolor"
        }
    }
}
