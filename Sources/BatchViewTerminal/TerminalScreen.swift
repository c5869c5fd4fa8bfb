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
    /// The next key, waiting at most `timeoutMilliseconds` (-1: until one comes).
    func readKey(timeoutMilliseconds: Int32) -> Key?
    /// Asks the terminal to copy `text` to the clipboard.
    func copyToClipboard(_ text: String)
}

extension CursesScreen: TerminalScreen {}
