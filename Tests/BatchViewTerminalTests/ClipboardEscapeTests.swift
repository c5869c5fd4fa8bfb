import BatchViewTerminal
import Testing

/// OSC 52: `ESC ] 52 ; c ; BASE64 BEL`, the text in standard base64 (RFC 4648).
@Suite struct ClipboardEscapeTests {
    @Test func theEscapeCarriesTheTextInBase64() {
        #expect(ClipboardEscape.sequence(copying: "hello") == "\u{1B}]52;c;aGVsbG8=\u{07}")
        #expect(ClipboardEscape.sequence(copying: "bv2:0:1") == "\u{1B}]52;c;YnYyOjA6MQ==\u{07}")
    }
}
