import Batching

/// A preprocessing stage named with its parameters as applied to one sample: the crop box, the
/// flip it made or not, normalisation's mean and std, a timeseries window's bounds. Any other
/// preprocessor (a closure, a Python stage) is named by its type.
enum StageDescription {
    /// The caption (stage and its fixed parameters) and the detail (this sample's draw).
    ///
    /// - Parameters:
    ///   - origin: the sample's origin after the stage; `before`, after the previous stage.
    ///   - window: the slice's window after the stage, for a timeseries stage.
    static func describe(_ stage: any Preprocessor, origin: SampleOrigin?, before: SampleOrigin?, window: Range<Int>?)
        -> (caption: String, detail: String)
    {
        switch stage {
        case let crop as RandomCrop:
            let box = origin.map { "box at y\($0.box.top) x\($0.box.left)" }
            return ("crop \(crop.height)×\(crop.width)", box ?? "box unknown")
        case let flip as RandomFlip:
            let axes = (flip.horizontal ? "h" : "") + (flip.vertical ? "v" : "")
            let flippedH = origin?.flippedHorizontally != before?.flippedHorizontally ?? false
            let flippedV = origin?.flippedVertically != before?.flippedVertically ?? false
            var made = [String]()
            if flip.horizontal { made.append("↔ " + (flippedH ? "yes" : "no")) }
            if flip.vertical { made.append("↕ " + (flippedV ? "yes" : "no")) }
            return ("flip \(axes)", made.joined(separator: " "))
        case let normalize as Normalize:
            return (
                "normalize \(number(normalize.range.lowerBound))…\(number(normalize.range.upperBound))",
                "mean \(list(normalize.mean)) std \(list(normalize.std))"
            )
        case let windows as TimeseriesPreprocessor:
            return (
                "window \(windows.windowSize) slide \(windows.slideSize)",
                window.map { "steps \($0.lowerBound)..<\($0.upperBound)" } ?? "whole"
            )
        default:
            return (String(describing: type(of: stage)), "one step")
        }
    }

    private static func number(_ value: Float) -> String {
        value == value.rounded() && abs(value) < 1e6 ? String(Int(value)) : String(value)
    }

    private static func list(_ values: [Float]) -> String {
        values.count == 1 ? number(values[0]) : values.map(number).joined(separator: ",")
    }
}
