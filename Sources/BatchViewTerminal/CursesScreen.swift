import BatchViewCore
import CNcursesw
import Glibc

/// The terminal under curses: starts it with `newterm`, copies ``ScreenBuffer``s to it and
/// reads keys. All calls happen on the main thread.
///
/// ```swift
/// guard let screen = CursesScreen(preferredColors: .palette256) else { /* TERM unknown */ }
/// screen.draw(session.render(width: screen.width, height: screen.height))
/// let key = screen.readKey(timeoutMilliseconds: 100)
/// screen.end()
/// ```
public final class CursesScreen {
    private var screen: OpaquePointer?
    private var pairs: [PairKey: Int32] = [:]
    /// The best colour mode this terminal can show.
    public let bestColorMode: ColorMode
    private let directColor: Bool

    private struct PairKey: Hashable {
        var foreground: CellColor
        var background: CellColor
    }

    /// Starts curses on the process's terminal; `nil` when `TERM` names no known terminal.
    ///
    /// - Parameter preferredColors: what the environment asks for (``ColorMode/detect(environment:)``).
    public init?(preferredColors: ColorMode) {
        setlocale(LC_ALL, "")
        set_escdelay(25)
        guard let screen = newterm(nil, bv_stdout(), bv_stdin()) else { return nil }
        self.screen = screen
        set_term(screen)
        raw()
        noecho()
        nonl()
        keypad(bv_stdscr(), true)
        curs_set(0)
        var mode = preferredColors
        var direct = false
        if has_colors() && mode != .none {
            start_color()
            use_default_colors()
            let colors = bv_COLORS()
            direct = colors >= 0x100_0000
            if mode == .truecolor && !direct { mode = .palette256 }
            if colors < 256 { mode = .none }
        } else {
            mode = .none
        }
        bestColorMode = mode
        directColor = direct
    }

    /// Columns of the terminal.
    public var width: Int { Int(getmaxx(bv_stdscr())) }
    /// Rows of the terminal.
    public var height: Int { Int(getmaxy(bv_stdscr())) }

    /// The frame drawn last (the busy screen of a long key is drawn over it).
    public private(set) var lastFrame: ScreenBuffer?

    /// Copies `buffer` to the screen (curses sends only what changed).
    public func draw(_ buffer: ScreenBuffer) {
        lastFrame = buffer
        let rows = min(buffer.height, height)
        let columns = min(buffer.width, width)
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = buffer[x, y]
                // The bottom-right cell scrolls some terminals; curses reports an error we ignore.
                _ = bv_put_cell(
                    Int32(y), Int32(x), wchar_t(bitPattern: cell.glyph.value), attributes(cell.pen.style),
                    pair(cell.pen))
            }
        }
        wnoutrefresh(bv_stdscr())
        doupdate()
    }

    /// Keys read while a key's work ran, to be handled before the terminal's next ones.
    private var typedAhead: [Key] = []

    /// Puts `keys` before any key not read yet: ``readKey(timeoutMilliseconds:)`` returns them first.
    public func typeAhead(_ keys: [Key]) { typedAhead.insert(contentsOf: keys, at: 0) }

    /// The next key — the first typed ahead, else one from the terminal, waiting at most
    /// `timeoutMilliseconds` (-1: until one comes); `nil` on timeout, on a signal, or for a key
    /// the inspector ignores.
    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        if !typedAhead.isEmpty { return typedAhead.removeFirst() }
        wtimeout(bv_stdscr(), timeoutMilliseconds)
        var value: wint_t = 0
        let status = wget_wch(bv_stdscr(), &value)
        return KeyDecoder.decode(status: status, value: UInt32(value))
    }

    /// Asks the terminal to copy `text` to the clipboard (``ClipboardEscape``), after the frame.
    public func copyToClipboard(_ text: String) {
        let output = bv_stdout()
        fputs(ClipboardEscape.sequence(copying: text), output)
        fflush(output)
    }

    /// Ends curses and gives the terminal back as it was.
    public func end() {
        guard let screen else { return }
        endwin()
        delscreen(screen)
        self.screen = nil
    }

    deinit { end() }

    private func attributes(_ style: CellStyle) -> attr_t {
        var value: attr_t = 0
        if style.contains(.bold) { value |= bv_A_BOLD() }
        if style.contains(.reverse) { value |= bv_A_REVERSE() }
        if style.contains(.dim) { value |= bv_A_DIM() }
        if style.contains(.underline) { value |= bv_A_UNDERLINE() }
        return value
    }

    private func pair(_ pen: Pen) -> Int32 {
        if pen.foreground == .default && pen.background == .default { return 0 }
        let key = PairKey(foreground: pen.foreground, background: pen.background)
        if let known = pairs[key] { return known }
        let made = alloc_pair(colorNumber(pen.foreground), colorNumber(pen.background))
        let pair = made < 0 ? 0 : made
        pairs[key] = pair
        return pair
    }

    private func colorNumber(_ color: CellColor) -> Int32 {
        switch color {
        case .default: return -1
        case .indexed(let index): return Int32(index)
        case .rgb(let r, let g, let b):
            if directColor { return Int32(r) << 16 | Int32(g) << 8 | Int32(b) }
            return Int32(XtermPalette.index(red: r, green: g, blue: b))
        }
    }
}
