/// How the batch grid tiles its area: the size of each preview and how many fit.
///
/// A tile is the preview (`previewWidth` columns, `previewRows` rows of two pixels) with the
/// sample's index and label on the row below, and a column of space to its right.
///
/// ```swift
/// let grid = GridGeometry(area: Rect(x: 0, y: 0, width: 58, height: 24), imageWidth: 28, imageHeight: 28, zoomWidth: 14)
/// grid.columns   // 3
/// ```
public struct GridGeometry: Sendable, Hashable {
    public var previewWidth: Int
    public var previewRows: Int
    public var tileWidth: Int
    public var tileHeight: Int
    public var columns: Int
    public var rows: Int

    /// Samples per page.
    public var perPage: Int { columns * rows }

    public init(area: Rect, imageWidth: Int, imageHeight: Int, zoomWidth: Int) {
        let labelWidth = 7
        var width = max(min(zoomWidth, area.width - 1), 1)
        var rowsNeeded = max(
            Int((Double(width) * Double(imageHeight) / Double(max(imageWidth, 1)) / 2).rounded(.up)), 1)
        if rowsNeeded > area.height - 1 {
            rowsNeeded = max(area.height - 1, 1)
            width = max(min(width, Int(Double(rowsNeeded * 2) * Double(imageWidth) / Double(max(imageHeight, 1)))), 1)
        }
        previewWidth = width
        previewRows = rowsNeeded
        tileWidth = max(width, labelWidth) + 1
        tileHeight = rowsNeeded + 1
        columns = max(area.width / tileWidth, 1)
        rows = max(area.height / tileHeight, 1)
    }

    /// The rectangle of tile `slot` (0-based on the page) in `area`.
    public func tile(_ slot: Int, in area: Rect) -> Rect {
        Rect(
            x: area.x + (slot % columns) * tileWidth, y: area.y + (slot / columns) * tileHeight,
            width: tileWidth - 1, height: tileHeight)
    }
}
