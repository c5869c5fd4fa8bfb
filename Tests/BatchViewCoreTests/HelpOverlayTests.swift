import Batching
import Testing

@testable import BatchViewCore

/// The help overlay always fits: on a small screen it is split into pages with a hint, and every
/// binding can be read on one of them; nothing is cut off.
@Suite struct HelpOverlayTests {
    /// The text of every help page at `width`×`height`, turning pages with Space until it closes.
    static func pages(width: Int, height: Int) throws -> (pages: [String], session: InspectorSession) {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        _ = session.render(width: width, height: height)
        session.handle(.character("?"))
        var pages = [String]()
        while session.state.overlay == .help, pages.count < 50 {
            pages.append(session.render(width: width, height: height).text)
            session.handle(.character(" "))
        }
        return (pages, session)
    }

    @Test(arguments: [(30, 8), (60, 20), (48, 14), (100, 30)])
    func everyBindingIsShownWhole(width: Int, height: Int) throws {
        let (pages, session) = try Self.pages(width: width, height: height)
        #expect(session.state.overlay == nil, "Space on the last page closes the help")
        for page in pages {
            // The whole box is on screen: its top and bottom borders.
            #expect(page.contains("┌") && page.contains("┐"))
            #expect(page.contains("└") && page.contains("┘"))
        }
        if pages.count > 1 {
            for (number, page) in pages.enumerated() {
                #expect(page.contains("Keys \(number + 1)/\(pages.count)"))
                #expect(page.contains(number + 1 < pages.count ? "Space" : "Esc"))
            }
        }
        // Every word of every binding appears on some page, in the box (between │ and │).
        let inside = pages.flatMap { page in
            page.split(separator: "\n").filter { $0.contains("│") }.flatMap {
                $0.split(whereSeparator: { $0 == " " || $0 == "│" })
            }
        }
        let words = Set(inside.map(String.init))
        for binding in session.keyMap.bindings {
            for word in (binding.label + " " + binding.help).split(separator: " ") {
                #expect(
                    words.contains(String(word)), "\(width)×\(height): \"\(word)\" of \(binding.label) is not shown")
            }
        }
    }

    @Test func smallScreensPageAndBigOnesDoNot() throws {
        #expect(try Self.pages(width: 100, height: 30).pages.count == 1)
        #expect(try Self.pages(width: 60, height: 20).pages.count == 3)
        #expect(try Self.pages(width: 30, height: 8).pages.count > 2)
    }

    @Test func pagesTurnBackAndOtherKeysClose() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        _ = session.render(width: 60, height: 20)
        for key in Key.parseSequence("? Right") { session.handle(key) }
        #expect(session.state.helpPage == 1)
        let second = session.render(width: 60, height: 20).text
        assertSnapshot(second, named: "overlay-help-60x20-page2")
        session.handle(.character("p"))
        #expect(session.state.helpPage == 0)
        session.handle(.left)
        #expect(session.state.helpPage == 0)
        #expect(session.state.overlay == .help)
        session.handle(.character("x"))
        #expect(session.state.overlay == nil)
        // Opened again, it starts on the first page.
        for key in Key.parseSequence("? Space Esc ?") { session.handle(key) }
        #expect(session.state.helpPage == 0)
    }

    @Test func aTooSmallScreenShowsTheHelpOnTheWholeScreen() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        let tooSmall = session.render(width: 30, height: 8).text
        #expect(tooSmall.contains("q quits  ? keys"))
        // Keys that would act unseen do nothing there.
        session.handle(.character("n"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 0))
        session.handle(.character("?"))
        let help = session.render(width: 30, height: 8).text
        assertSnapshot(help, named: "overlay-help-30x8")
        #expect(help.split(separator: "\n").count == 8)
        session.handle(.escape)
        #expect(session.render(width: 30, height: 8).text == tooSmall)
        #expect(session.handle(.character("q")) == false)
    }

    @Test func belowTheHelpsOwnMinimumOnlyQuittingIsOffered() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        let text = session.render(width: 22, height: 5).text
        #expect(text.contains("q quits") && !text.contains("? keys"))
        session.handle(.character("?"))
        #expect(session.state.overlay == nil)
        #expect(session.render(width: 22, height: 5).text == text)
        // One column more and the help fits, with every binding on some page.
        #expect(session.render(width: 23, height: 5).text.contains("? keys"))
        session.handle(.character("?"))
        var labels = Set<String>()
        var pages = 0
        while session.state.overlay == .help, pages < 100 {
            pages += 1
            let page = session.render(width: 23, height: 5).text
            for binding in session.keyMap.bindings where page.contains("│ " + binding.label + " ") {
                labels.insert(binding.label)
            }
            session.handle(.character(" "))
        }
        #expect(labels == Set(session.keyMap.bindings.map(\.label)))
    }
}
