/// Fits an image into a box of cells and draws it with the renderer of the colour mode.
///
/// The image is scaled to the largest size that fits `width` columns and `height` rows (two
/// pixels a row) with its aspect ratio kept, and centred in the box.
///
/// ```swift
/// ImagePainter.draw(display, in: Rect(x: 0, y: 0, width: 14, height: 7), mode: .none, into: &buffer)
/// ```
public enum ImagePainter {
    /// The pixel size an image of `width`×`height` takes in a box of `columns`×`rows` cells.
    public static func fittedSize(width: Int, height: Int, columns: Int, rows: Int) -> (width: Int, height: Int) {
        guard width > 0, height > 0, columns > 0, rows > 0 else { return (0, 0) }
        let maxHeight = rows * 2
        let scale = min(Double(columns) / Double(width), Double(maxHeight) / Double(height))
        return (
            max(1, min(columns, Int((Double(width) * scale).rounded()))),
            max(1, min(maxHeight, Int((Double(height) * scale).rounded())))
        )
    }

    /// Draws `image` fitted and centred in `rect`.
    public static func draw(_ image: DisplayImage, in rect: Rect, mode: ColorMode, into buffer: inout ScreenBuffer) {
        draw(width: image.width, height: image.height, in: rect, mode: mode, into: &buffer) {
            image.resampled(width: $0, height: $1)
        }
    }

    /// Draws the stored sample `image` fitted and centred in `rect`, reading only its stored values.
    public static func draw(_ image: StoredImage, in rect: Rect, mode: ColorMode, into buffer: inout ScreenBuffer) {
        draw(width: image.width, height: image.height, in: rect, mode: mode, into: &buffer) {
            image.displayed(width: $0, height: $1)
        }
    }

    /// Draws the stored sample `image` as ``draw(_:in:mode:into:)-(StoredImage,_,_,_)`` does, its
    /// resampled pixels taken from `cache` (or drawn and kept there) under `key`'s row, scaling
    /// and channel.
    static func draw(
        _ image: StoredImage, in rect: Rect, mode: ColorMode, cache: PreviewCache, key: PreviewCache.Key,
        into buffer: inout ScreenBuffer
    ) {
        draw(width: image.width, height: image.height, in: rect, mode: mode, into: &buffer) { width, height in
            var sized = key
            (sized.width, sized.height) = (width, height)
            return cache.image(sized) { image.displayed(width: width, height: height) }
        }
    }

    /// Draws the image of `width`×`height` that `resampled` gives at the fitted size.
    private static func draw(
        width: Int, height: Int, in rect: Rect, mode: ColorMode, into buffer: inout ScreenBuffer,
        resampled: (_ width: Int, _ height: Int) -> DisplayImage
    ) {
        let size = fittedSize(width: width, height: height, columns: rect.width, rows: rect.height)
        guard size.width > 0 else { return }
        let scaled = resampled(size.width, size.height)
        let x = rect.x + (rect.width - size.width) / 2
        let y = rect.y + (rect.height - (size.height + 1) / 2) / 2
        if mode == .none {
            AsciiRenderer.draw(scaled, x: x, y: y, into: &buffer)
        } else {
            HalfBlockRenderer.draw(scaled, x: x, y: y, mode: mode, into: &buffer)
        }
    }
}
