import Batching
import Testing

@testable import BatchViewCore

/// A new overlay is a type drawing from the read-only ``InspectorView``; its action opens and
/// closes it, and Esc closes it, as the detail view.
@Suite struct InspectorOverlayTests {
    /// Writes the batch on screen and its first sample, as a view such as `y` (resume token) would.
    enum AddressOverlay: InspectorOverlay {
        static func draw(_ view: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
            let address = view.state.address
            let first = view.current?.indices.first.map(String.init) ?? "none"
            buffer.write(
                "overlay: epoch \(address.epoch) batch \(address.batch) first \(first)", in: rect, row: 0,
                pen: theme.label)
        }
    }

    @Test func anOverlayTypeIsOpenedAndClosedByItsAction() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall(), shuffle: false)
        let open = InspectorAction.toggleOverlay(OverlayID(AddressOverlay.self))
        session.handle(.character("n"))
        #expect(!session.render(width: 100, height: 30).text.contains("overlay:"))
        session.perform(open)
        #expect(session.state.overlay == .view(OverlayID(AddressOverlay.self)))
        #expect(session.render(width: 100, height: 30).text.contains("overlay: epoch 0 batch 1 first 16"))
        session.perform(open)
        #expect(session.state.overlay == nil)
        session.perform(open)
        session.handle(.escape)
        #expect(session.state.overlay == nil)
        // The detail view is one such overlay.
        session.handle(.enter)
        #expect(session.state.overlay == .detail)
        #expect(session.state.overlay != .view(OverlayID(AddressOverlay.self)))
    }
}
