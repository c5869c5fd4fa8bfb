import BatchViewCore

/// What the terminal loop needs of a screen: ``CursesScreen`` on a real terminal, a scripted
/// stand-in in tests.
protocol TerminalScreen: AnyObject {
    /// Columns.
    var width: Int { get }
    /// Rows.
    var height: Int { get }
    /// The frame drawn last, if any.
    var lastFrame: ScreenBuffer? { get }
    /// Shows `buffer`.
    func draw(_ buffer: ScreenBuffer)
    /// The next key — the first typed ahead, else one from the terminal, waiting at most
    /// `timeoutMilliseconds` (-1: until one comes).
    func readKey(timeoutMilliseconds: Int32) -> Key?
    /// Puts `keys` (read while a key's work ran) before any key not read yet.
    func typeAhead(_ keys: [Key])
    /// Asks the terminal to copy `text` to the clipboard.
    func copyToClipboard(_ text: String)
}

extension CursesScreen: TerminalScreen {}
