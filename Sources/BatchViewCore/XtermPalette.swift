/// The xterm-256 palette and the arithmetic that maps colours onto it.
///
/// Entries 16–231 are a 6×6×6 cube with levels 0, 95, 135, 175, 215, 255; entries 232–255 a
/// 24-step grey ramp 8, 18, …, 238. A colour goes to the nearer (in squared RGB distance) of its
/// nearest cube entry and its nearest grey entry; a grey goes to the ramp, extended at its ends
/// by the cube's black (16) and white (231) so that 0 and 255 stay black and white.
///
/// ```swift
/// XtermPalette.index(red: 255, green: 0, blue: 0)   // 196
/// XtermPalette.greyIndex(128)                       // 244 (value 128)
/// ```
public enum XtermPalette {
    /// The six levels of each axis of the colour cube.
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The value of grey-ramp entry `232 + step`, `step` in 0..<24.
    public static func rampValue(_ step: Int) -> Int { 8 + 10 * step }

    /// The palette entry nearest to a colour.
    public static func index(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let r = Int(red)
        let g = Int(green)
        let b = Int(blue)
        let (cr, cg, cb) = (nearestCubeLevel(r), nearestCubeLevel(g), nearestCubeLevel(b))
        let cubeDistance = square(cubeLevels[cr] - r) + square(cubeLevels[cg] - g) + square(cubeLevels[cb] - b)
        let cubeIndex = 16 + 36 * cr + 6 * cg + cb
        // The squared distance to a grey is least at the mean; try the ramp steps either side of it.
        let low = min(max((r + g + b - 24) / 30, 0), 23)
        let (step, greyDistance) = [low, min(low + 1, 23)].map { step -> (Int, Int) in
            let grey = rampValue(step)
            return (step, square(grey - r) + square(grey - g) + square(grey - b))
        }.min { $0.1 < $1.1 }! // the list has two candidates, so it has a least
        return UInt8(greyDistance < cubeDistance ? 232 + step : cubeIndex)
    }

    /// The palette entry nearest to a grey `value`: the ramp, or the cube's black or white.
    public static func greyIndex(_ value: UInt8) -> UInt8 {
        let v = Int(value)
        let step = nearestRampStep(v)
        let rampDistance = abs(rampValue(step) - v)
        if v < rampDistance { return 16 } // nearer to the cube's black (0)
        if 255 - v < rampDistance { return 231 } // nearer to the cube's white (255)
        return UInt8(232 + step)
    }

    /// The RGB value of palette entry `index` (16–255; 0–15 are the xterm defaults).
    public static func rgb(of index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        switch i {
        case 0..<16:
            let basic: [(Int, Int, Int)] = [
                (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
                (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
                (255, 0, 255), (0, 255, 255), (255, 255, 255),
            ]
            let c = basic[i]
            return (UInt8(c.0), UInt8(c.1), UInt8(c.2))
        case 16..<232:
            let c = i - 16
            return (UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[(c / 6) % 6]), UInt8(cubeLevels[c % 6]))
        default:
            let v = UInt8(rampValue(i - 232))
            return (v, v, v)
        }
    }

    /// The index (0–5) of the cube level nearest to `value`.
    static func nearestCubeLevel(_ value: Int) -> Int {
        var best = 0
        for (i, level) in cubeLevels.enumerated() where abs(level - value) < abs(cubeLevels[best] - value) { best = i }
        return best
    }

    /// The ramp step (0–23) nearest to `value`.
    static func nearestRampStep(_ value: Int) -> Int {
        min(max((value - 8 + 5) / 10, 0), 23)
    }

    private static func square(_ x: Int) -> Int { x * x }
}
