import Foundation

/// The OSC 52 escape that asks the terminal to put text on the system clipboard: terminals that
/// allow it (xterm with `allowWindowOps`, kitty, iTerm2, WezTerm, tmux with `set-clipboard on`)
/// copy it; the others ignore it.
///
/// ```swift
/// ClipboardEscape.sequence(copying: "bv2:0:3:-:…")   // "\u{1B}]52;c;YnYyOjA6Mzot4oCm\u{07}"
/// ```
public enum ClipboardEscape {
    /// `ESC ] 52 ; c ; BASE64 BEL`: the escape that copies `text`.
    public static func sequence(copying text: String) -> String {
        "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
    }
}
