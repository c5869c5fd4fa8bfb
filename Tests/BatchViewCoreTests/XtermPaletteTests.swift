import Batching
import Testing

@testable import BatchViewCore

@Suite struct XtermPaletteTests {
    @Test func primaryColoursAndCubeCorners() {
        #expect(XtermPalette.index(red: 255, green: 0, blue: 0) == 196)
        #expect(XtermPalette.index(red: 0, green: 255, blue: 0) == 46)
        #expect(XtermPalette.index(red: 0, green: 0, blue: 255) == 21)
        #expect(XtermPalette.index(red: 0, green: 0, blue: 0) == 16)
        #expect(XtermPalette.index(red: 255, green: 255, blue: 255) == 231)
        #expect(XtermPalette.index(red: 95, green: 135, blue: 175) == 16 + 36 * 1 + 6 * 2 + 3)
    }

    @Test func greysGoToTheRampWithCubeBlackAndWhiteAtTheEnds() {
        #expect(XtermPalette.greyIndex(0) == 16)
        #expect(XtermPalette.greyIndex(255) == 231)
        #expect(XtermPalette.greyIndex(8) == 232)
        #expect(XtermPalette.greyIndex(128) == 244) // ramp value 128
        #expect(XtermPalette.greyIndex(238) == 255)
        #expect(XtermPalette.index(red: 128, green: 128, blue: 128) == 244)
    }

    /// Every grey and many colours map to an entry at least as near as any other entry 16…255.
    @Test func choiceIsTheNearestEntry() {
        func distance(_ index: UInt8, _ r: Int, _ g: Int, _ b: Int) -> Int {
            let (pr, pg, pb) = XtermPalette.rgb(of: index)
            return (Int(pr) - r) * (Int(pr) - r) + (Int(pg) - g) * (Int(pg) - g) + (Int(pb) - b) * (Int(pb) - b)
        }
        var random = CounterRandom(seed: 5, purpose: .augmentation)
        for _ in 0..<2000 {
            let r = random.nextInt(below: 256)
            let g = random.nextInt(below: 256)
            let b = random.nextInt(below: 256)
            let chosen = XtermPalette.index(red: UInt8(r), green: UInt8(g), blue: UInt8(b))
            let best = (16...255).map { distance(UInt8($0), r, g, b) }.min()!
            #expect(distance(chosen, r, g, b) == best, "(\(r), \(g), \(b)) → \(chosen)")
        }
        for v in 0...255 {
            let chosen = XtermPalette.greyIndex(UInt8(v))
            let greys: [UInt8] = [16, 231] + (232...255).map { UInt8($0) }
            let best = greys.map { distance($0, v, v, v) }.min()!
            #expect(distance(chosen, v, v, v) == best, "grey \(v) → \(chosen)")
        }
    }

    @Test func paletteValuesFollowTheXtermFormula() {
        #expect(XtermPalette.rgb(of: 16) == (0, 0, 0))
        #expect(XtermPalette.rgb(of: 231) == (255, 255, 255))
        #expect(XtermPalette.rgb(of: 232) == (8, 8, 8))
        #expect(XtermPalette.rgb(of: 255) == (238, 238, 238))
        #expect(XtermPalette.rgb(of: 67) == (95, 135, 175))
    }
}
