extension String {
    /// The text with control characters other than newlines and tabs written as visible escapes
    /// (`\e`, `\u{7}`…), so that names read from a file cannot move the cursor, change colours or
    /// clear the user's screen when printed.
    var withVisibleControlCharacters: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x1B: out += "\\e"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
