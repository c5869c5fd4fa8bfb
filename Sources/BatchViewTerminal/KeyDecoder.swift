import BatchViewCore
import CNcursesw

/// Turns what `wget_wch` returns into a ``Key``.
///
/// ```swift
/// KeyDecoder.decode(status: OK, value: 0x6E)            // .character("n")
/// KeyDecoder.decode(status: KEY_CODE_YES, value: KEY_UP) // .up
/// ```
public enum KeyDecoder {
    /// The key for a `wget_wch` result, or `nil` for a timeout or a key the inspector ignores.
    public static func decode(status: Int32, value: UInt32) -> Key? {
        if status == KEY_CODE_YES { return functionKey(Int32(value)) }
        guard status == OK else { return nil }
        switch value {
        case 3: return .controlC
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard value >= 32, let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// The key for a curses function-key code.
    public static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_BTAB: .backTab
        case KEY_RESIZE: .resize
        default: nil
        }
    }
}
