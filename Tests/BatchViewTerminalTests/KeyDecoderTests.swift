import BatchViewCore
import Testing

@testable import BatchViewTerminal

/// What `wget_wch` returns, turned into keys. The numbers are ncurses' own: OK 0, ERR -1,
/// KEY_CODE_YES 0400, KEY_UP 0403, KEY_LEFT 0404, KEY_RESIZE 0632, KEY_BTAB 0541.
@Suite struct KeyDecoderTests {
    let ok: Int32 = 0, err: Int32 = -1, functionKey: Int32 = 0o400

    @Test func charactersAndControlKeys() {
        #expect(KeyDecoder.decode(status: ok, value: 0x6E) == .character("n"))
        #expect(KeyDecoder.decode(status: ok, value: 0x20) == .character(" "))
        #expect(KeyDecoder.decode(status: ok, value: 0x2B) == .character("+"))
        #expect(KeyDecoder.decode(status: ok, value: 3) == .controlC)
        #expect(KeyDecoder.decode(status: ok, value: 13) == .enter)
        #expect(KeyDecoder.decode(status: ok, value: 10) == .enter)
        #expect(KeyDecoder.decode(status: ok, value: 27) == .escape)
        #expect(KeyDecoder.decode(status: ok, value: 9) == .tab)
        #expect(KeyDecoder.decode(status: ok, value: 127) == .backspace)
        #expect(KeyDecoder.decode(status: ok, value: 0x25B8) == .character("▸"))
        #expect(KeyDecoder.decode(status: ok, value: 1) == nil)
    }

    @Test func functionKeysAndTimeouts() {
        #expect(KeyDecoder.decode(status: functionKey, value: 0o403) == .up)
        #expect(KeyDecoder.decode(status: functionKey, value: 0o404) == .left)
        #expect(KeyDecoder.decode(status: functionKey, value: 0o632) == .resize)
        #expect(KeyDecoder.decode(status: functionKey, value: 0o541) == .backTab)
        #expect(KeyDecoder.decode(status: functionKey, value: 0o777) == nil)
        #expect(KeyDecoder.decode(status: err, value: 0) == nil)
    }

    @Test func terminalsThatCannotDrawAFullScreenAreNamed() {
        #expect(TerminalApp.terminalProblem(environment: [:])?.contains("TERM is not set") == true)
        #expect(TerminalApp.terminalProblem(environment: ["TERM": "dumb"])?.contains("TERM=dumb") == true)
        #expect(TerminalApp.terminalProblem(environment: ["TERM": "xterm-256color"]) == nil)
    }
}
