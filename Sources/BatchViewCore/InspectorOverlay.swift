/// A view drawn over the panes that one key opens and closes, such as the detail view (Enter).
///
/// Adding one takes a type in its own file and one line in ``KeyMap/standard``:
///
/// ```swift
/// enum StageWaitsOverlay: InspectorOverlay {
///     static func draw(_ view: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
///         buffer.write("waits per stage", in: rect, row: 0, pen: theme.label)
///     }
/// }
/// // in KeyMap.standard:
/// Binding(keys: [.character("w")], action: .toggleOverlay(OverlayID(StageWaitsOverlay.self)), label: "w", help: "stage waits")
/// ```
public protocol InspectorOverlay: SendableMetatype {
    /// Draws the overlay into `rect` (the panes' area) from what the inspector shows.
    static func draw(_ view: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer)
}

/// Names an ``InspectorOverlay`` type in an ``InspectorAction`` and in ``InspectorState/overlay``.
public struct OverlayID: Hashable, Sendable, CustomStringConvertible {
    private let type: ObjectIdentifier
    private let name: String
    /// The overlay type's drawing function.
    let draw: @Sendable (any InspectorView, Rect, Theme, inout ScreenBuffer) -> Void

    /// The overlay drawn by `overlay`.
    public init<Drawn: InspectorOverlay>(_ overlay: Drawn.Type) {
        type = ObjectIdentifier(overlay)
        name = String(describing: overlay)
        draw = { view, rect, theme, buffer in Drawn.draw(view, in: rect, theme: theme, into: &buffer) }
    }

    public var description: String { name }

    public static func == (lhs: OverlayID, rhs: OverlayID) -> Bool { lhs.type == rhs.type }

    public func hash(into hasher: inout Hasher) { hasher.combine(type) }
}
