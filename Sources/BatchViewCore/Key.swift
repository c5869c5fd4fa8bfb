/// A key the inspector receives, decoded from the terminal or spelled in `batchview frame --keys`.
///
/// ```swift
/// Key(name: "n")          // .character("n")
/// Key(name: "Enter")      // .enter
/// Key.parseSequence("n n p Right C-c")
/// ```
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    case controlC
    /// The terminal changed size.
    case resize

    /// A key spelled as in `--keys`: one character, or a name (`Enter`, `Esc`, `Tab`, `BTab`,
    /// `Space`, `Left`, `Right`, `Up`, `Down`, `PgUp`, `PgDn`, `Home`, `End`, `BSpace`, `C-c`).
    /// Names are case-insensitive.
    public init?(name: String) {
        if name.count == 1, let c = name.first {
            self = .character(c)
            return
        }
        switch name.lowercased() {
        case "enter", "return", "ret": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "btab", "s-tab", "backtab": self = .backTab
        case "space", "spc": self = .character(" ")
        case "left": self = .left
        case "right": self = .right
        case "up": self = .up
        case "down": self = .down
        case "pgup", "pageup", "ppage": self = .pageUp
        case "pgdn", "pagedown", "npage": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "bspace", "backspace", "bs": self = .backspace
        case "c-c", "ctrl-c", "^c": self = .controlC
        default: return nil
        }
    }

    /// The keys of a `--keys` string: names and single characters separated by spaces; any
    /// other word is typed character by character (`"/ 130 Enter"` types 1, 3, 0).
    public static func parseSequence(_ text: String) -> [Key] {
        text.split(separator: " ").flatMap { word -> [Key] in
            if let key = Key(name: String(word)) { return [key] }
            return word.map { Key.character($0) }
        }
    }

    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "BTab"
        case .backspace: "BSpace"
        case .controlC: "C-c"
        case .resize: "Resize"
        }
    }
}
