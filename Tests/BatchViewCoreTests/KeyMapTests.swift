import Testing

@testable import BatchViewCore

@Suite struct KeyMapTests {
    let map = KeyMap.standard

    @Test(arguments: [
        (Key.character("n"), InspectorAction.nextBatch), (.character(" "), .nextBatch),
        (.character("p"), .previousBatch),
        (.character("N"), .nextEpoch), (.character("P"), .previousEpoch), (.character("g"), .promptGoTo),
        (.character("/"), .promptFind), (.character("h"), .moveSelection(dx: -1, dy: 0)),
        (.left, .moveSelection(dx: -1, dy: 0)),
        (.character("j"), .moveSelection(dx: 0, dy: 1)), (.up, .moveSelection(dx: 0, dy: -1)),
        (.right, .moveSelection(dx: 1, dy: 0)),
        (.enter, .openDetail), (.character("a"), .toggleAugmented), (.character("s"), .toggleShuffle),
        (.character("b"), .cycleSampler), (.character("r"), .toggleRun), (.character("+"), .zoomIn),
        (.character("-"), .zoomOut),
        (.character("c"), .cycleColor), (.tab, .focusNext), (.character("3"), .togglePane(3)), (.character("?"), .help),
        (.escape, .closeOverlay), (.character("q"), .quit), (.controlC, .quit),
    ])
    func documentedKeys(key: Key, action: InspectorAction) {
        #expect(map.action(for: key) == action)
    }

    @Test func unboundKeysDoNothingAndNoKeyIsBoundTwice() {
        #expect(map.action(for: .character("z")) == nil)
        #expect(map.action(for: .character("9")) == nil)
        let keys = map.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test func keySequencesParseNamesAndTypeLongerWords() {
        #expect(Key.parseSequence("n n p a") == [.character("n"), .character("n"), .character("p"), .character("a")])
        #expect(
            Key.parseSequence("/ 130 Enter Esc C-c Space Left") == [
                .character("/"), .character("1"), .character("3"), .character("0"), .enter, .escape, .controlC,
                .character(" "), .left,
            ])
        #expect(Key(name: "TAB") == .tab)
    }

    @Test func colourModesFollowTheEnvironment() {
        #expect(ColorMode.detect(environment: ["TERM": "xterm-256color"]) == .palette256)
        #expect(ColorMode.detect(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"]) == .truecolor)
        #expect(
            ColorMode.detect(environment: ["TERM": "xterm-256color", "COLORTERM": "24bit", "NO_COLOR": ""]) == .none)
        #expect(ColorMode.detect(environment: ["TERM": "dumb", "COLORTERM": "truecolor"]) == .none)
        #expect(ColorMode.truecolor.next(upTo: .truecolor) == .palette256)
        #expect(ColorMode.none.next(upTo: .truecolor) == .truecolor)
        #expect(ColorMode.palette256.next(upTo: .palette256) == .none)
    }
}
