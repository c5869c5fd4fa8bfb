import Testing

@testable import BatchViewCore

@Suite struct HalfBlockRendererTests {
    /// A 2×3 grey image: the upper pixel is the glyph colour, the lower one the background, and
    /// the odd last row leaves the terminal's background.
    @Test func upperPixelIsForegroundLowerIsBackground() {
        let image = DisplayImage(width: 2, height: 3, channels: 1, values: [0, 1, 0.5, 0.25, 1, 0])
        var buffer = ScreenBuffer(width: 2, height: 2)
        HalfBlockRenderer.draw(image, x: 0, y: 0, mode: .truecolor, into: &buffer)
        #expect(buffer[0, 0] == Cell("▀", pen: Pen(foreground: .rgb(0, 0, 0), background: .rgb(128, 128, 128))))
        #expect(buffer[1, 0] == Cell("▀", pen: Pen(foreground: .rgb(255, 255, 255), background: .rgb(64, 64, 64))))
        #expect(buffer[0, 1] == Cell("▀", pen: Pen(foreground: .rgb(255, 255, 255), background: .default)))
        #expect(buffer[1, 1].pen.foreground == .rgb(0, 0, 0))
    }

    @Test func paletteModeUsesTheGreyRampForGreyAndTheCubeForColour() {
        let grey = DisplayImage(width: 1, height: 2, channels: 1, values: [128.0 / 255, 0])
        var buffer = ScreenBuffer(width: 1, height: 1)
        HalfBlockRenderer.draw(grey, x: 0, y: 0, mode: .palette256, into: &buffer)
        #expect(buffer[0, 0].pen == Pen(foreground: .indexed(244), background: .indexed(16)))
        let red = DisplayImage(width: 1, height: 2, channels: 3, values: [1, 0, 0, 0, 0, 1])
        HalfBlockRenderer.draw(red, x: 0, y: 0, mode: .palette256, into: &buffer)
        #expect(buffer[0, 0].pen == Pen(foreground: .indexed(196), background: .indexed(21)))
    }

    @Test func asciiRampHasTenEqualBins() {
        #expect(AsciiRenderer.glyph(for: 0) == " ")
        #expect(AsciiRenderer.glyph(for: 0.099) == " ")
        #expect(AsciiRenderer.glyph(for: 0.1) == ".")
        #expect(AsciiRenderer.glyph(for: 0.55) == "+")
        #expect(AsciiRenderer.glyph(for: 1) == "@")
        // A cell shows the mean of its two pixels.
        let image = DisplayImage(width: 1, height: 2, channels: 1, values: [1, 0])
        var buffer = ScreenBuffer(width: 1, height: 1)
        AsciiRenderer.draw(image, x: 0, y: 0, into: &buffer)
        #expect(buffer[0, 0].glyph == "+")
        #expect(buffer[0, 0].pen == .plain)
    }

    @Test func bytesRoundToNearest() {
        #expect(HalfBlockRenderer.byte(0.5) == 128)
        #expect(HalfBlockRenderer.byte(-1) == 0)
        #expect(HalfBlockRenderer.byte(2) == 255)
    }
}
