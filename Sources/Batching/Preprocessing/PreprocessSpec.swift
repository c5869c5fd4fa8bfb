/// The small language of `--preprocess`: stages separated by commas, each a name with optional
/// parameters, e.g. `crop:24,flip:h,normalize` or `timeseries:window=50,slide=25,start=0`.
///
/// A `key=value` part after a stage belongs to that stage; a part with a stage name starts the
/// next stage. ``grammar`` is shown with every parse error.
///
/// ```swift
/// let spec = try PreprocessSpec("crop:24,flip:h")
/// let preprocessor = try spec.makePreprocessor()   // a chain of RandomCrop(24) and RandomFlip(h)
/// ```
public struct PreprocessSpec: Sendable, CustomStringConvertible {
    /// One parsed stage.
    public enum Stage: Sendable, Hashable {
        case crop(height: Int, width: Int, labels: RandomCrop.LabelCrop)
        case flip(horizontal: Bool, vertical: Bool, probability: Double)
        case normalize(range: ClosedRange<Float>, mean: [Float], std: [Float])
        case timeseries(window: Int, slide: Int, starts: [Int])
        /// The user's Python callable `function` of `module` (a `.py` file or a dotted module name),
        /// called on the whole batch or, with `perSample`, on each sample; built by an
        /// ``ExternalStageBuilder`` (the BatchingPython module), since it runs in worker processes.
        case python(module: String, function: String, perSample: Bool)
    }

    /// The stages, first applied first.
    public let stages: [Stage]
    /// The text the spec was parsed from.
    public let description: String

    /// The grammar, as shown in error messages and `--help`.
    public static let grammar = """
        SPEC = STAGE{,STAGE} where STAGE is one of
          crop:SIZE[xWIDTH][,labels=same|own]
          flip:h|v|hv[,p=PROBABILITY]
          normalize[:range=LO..HI][,mean=M[/M/M]][,std=S[/S/S]]
          timeseries:window=N[,slide=N][,start=N[/N…]]
          python:FILE.py:NAME  or  python:package.module:NAME   (NAME(images, labels, rng))
          python-sample:FILE.py:NAME   (NAME(image, label, rng) per sample)
        e.g. crop:24,flip:h  or  timeseries:window=50,slide=25,start=0  or  crop:24,python:aug.py:jitter
        """

    /// Parses `text`.
    ///
    /// - Throws: ``PreprocessingError/invalidSpec(_:)`` naming the part that does not parse.
    public init(_ text: String) throws {
        description = text
        var groups: [(name: String, params: [String])] = []
        for rawPart in text.split(separator: ",", omittingEmptySubsequences: false) {
            let part = rawPart.trimmingSpaces()
            guard !part.isEmpty else {
                throw Self.error(text, "there is an empty part (two commas in a row, or a comma at an end)")
            }
            let head = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(head[0]).lowercased()
            if Self.stageNames.contains(name) {
                groups.append((name, head.count > 1 ? [String(head[1])] : []))
            } else if part.contains("="), !part.contains(":"), !groups.isEmpty {
                groups[groups.count - 1].params.append(part)
            } else {
                throw Self.error(
                    text,
                    "'\(part)' is not a stage (known stages: crop, flip, normalize, timeseries, python, python-sample)")
            }
        }
        guard !groups.isEmpty else { throw Self.error(text, "it names no stage") }
        stages = try groups.map { try Self.stage($0.name, $0.params, text) }
    }

    /// The preprocessor the spec describes: the single stage, or a chain of them.
    ///
    /// - Parameter external: builds the stages that run outside this module (`python:`); without
    ///   it a spec naming such a stage throws ``PreprocessingError/invalidSpec(_:)``.
    public func makePreprocessor(external: (any ExternalStageBuilder)? = nil) throws -> any Preprocessor {
        let built: [any Preprocessor] = try stages.map { stage in
            switch stage {
            case .python:
                guard let made = try external?.makePreprocessor(for: stage) else {
                    throw PreprocessingError.invalidSpec(
                        "'\(description)' names a python stage, which runs in Python worker processes that only the batchview command starts"
                    )
                }
                return made
            case .crop(let height, let width, let labels):
                return RandomCrop(height: height, width: width, labels: labels)
            case .flip(let h, let v, let p): return RandomFlip(horizontal: h, vertical: v, probability: p)
            case .normalize(let range, let mean, let std): return try Normalize(range: range, mean: mean, std: std)
            case .timeseries(let window, let slide, let starts):
                return try TimeseriesPreprocessor(windowSize: window, slideSize: slide, startIncrements: starts)
            }
        }
        return built.count == 1 ? built[0] : try PreprocessorChain(built)
    }

    static let stageNames: Set<String> = [
        "crop", "flip", "normalize", "norm", "timeseries", "python", "python-sample",
    ]

    static func error(_ text: String, _ detail: String) -> PreprocessingError {
        .invalidSpec("cannot read --preprocess '\(text)': \(detail).\n\(grammar)")
    }

    private static func stage(_ name: String, _ params: [String], _ text: String) throws -> Stage {
        switch name {
        case "crop": return try crop(params, text)
        case "flip": return try flip(params, text)
        case "timeseries": return try timeseries(params, text)
        case "python", "python-sample": return try python(params, perSample: name == "python-sample", text)
        default: return try normalize(params, text)
        }
    }

    private static func keyValue(_ param: String, _ stage: String, _ text: String) throws -> (String, String) {
        let parts = param.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else {
            throw error(text, "'\(param)' in \(stage) should be KEY=VALUE")
        }
        return (parts[0].lowercased(), String(parts[1]))
    }

    private static func integer(_ value: String, _ what: String, min: Int, _ text: String) throws -> Int {
        guard let number = Int(value), number >= min else {
            throw error(text, "\(what) '\(value)' should be a whole number ≥ \(min)")
        }
        return number
    }

    private static func floats(_ value: String, _ what: String, _ text: String) throws -> [Float] {
        let values = value.split(separator: "/", omittingEmptySubsequences: false).map { Float(String($0)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw error(text, "\(what) '\(value)' should be numbers separated by '/'")
        }
        return values.map { $0! }
    }

    private static func crop(_ params: [String], _ text: String) throws -> Stage {
        guard let size = params.first, !size.contains("=") else {
            throw error(text, "crop needs a size, as in crop:24 or crop:24x20")
        }
        let sides = size.lowercased().split(separator: "x", omittingEmptySubsequences: false).map(String.init)
        guard sides.count <= 2 else { throw error(text, "crop size '\(size)' should be SIZE or HEIGHTxWIDTH") }
        let height = try integer(sides[0], "crop size", min: 1, text)
        let width = sides.count == 2 ? try integer(sides[1], "crop width", min: 1, text) : height
        var labels = RandomCrop.LabelCrop.none
        for param in params.dropFirst() {
            let (key, value) = try keyValue(param, "crop", text)
            guard key == "labels" else {
                throw error(text, "crop has no parameter '\(key)' (it takes labels=same|own)")
            }
            switch value.lowercased() {
            case "same": labels = .sameBox
            case "own": labels = .ownBox
            case "none": labels = .none
            default: throw error(text, "labels='\(value)' in crop should be same, own or none")
            }
        }
        return .crop(height: height, width: width, labels: labels)
    }

    private static func flip(_ params: [String], _ text: String) throws -> Stage {
        guard let axes = params.first?.lowercased(), ["h", "v", "hv", "vh"].contains(axes) else {
            throw error(text, "flip needs h, v or hv, as in flip:h")
        }
        var probability = 0.5
        for param in params.dropFirst() {
            let (key, value) = try keyValue(param, "flip", text)
            guard key == "p", let p = Double(value), p >= 0, p <= 1 else {
                throw error(text, "'\(param)' in flip should be p=PROBABILITY with a probability between 0 and 1")
            }
            probability = p
        }
        return .flip(horizontal: axes.contains("h"), vertical: axes.contains("v"), probability: probability)
    }

    private static func normalize(_ params: [String], _ text: String) throws -> Stage {
        var range: ClosedRange<Float> = 0...1
        var mean: [Float] = [0]
        var std: [Float] = [1]
        for param in params {
            let (key, value) = try keyValue(param, "normalize", text)
            switch key {
            case "range":
                let ends = value.split(separator: "..").map(String.init)
                guard ends.count == 2, let lo = Float(ends[0]), let hi = Float(ends[1]), lo < hi else {
                    throw error(text, "range='\(value)' in normalize should be LO..HI with LO < HI, as in range=-1..1")
                }
                range = lo...hi
            case "mean": mean = try floats(value, "mean", text)
            case "std":
                std = try floats(value, "std", text)
                guard !std.contains(0) else { throw error(text, "std '\(value)' cannot contain 0") }
            default: throw error(text, "normalize has no parameter '\(key)' (it takes range, mean and std)")
            }
        }
        return .normalize(range: range, mean: mean, std: std)
    }

    /// `python:aug.py:jitter` or `python:package.module:jitter`: the function is after the last colon.
    private static func python(_ params: [String], perSample: Bool, _ text: String) throws -> Stage {
        let stage = perSample ? "python-sample" : "python"
        guard params.count == 1, let target = params.first, let colon = target.lastIndex(of: ":") else {
            throw error(text, "\(stage) needs FILE.py:NAME or package.module:NAME, as in \(stage):aug.py:jitter")
        }
        let module = String(target[..<colon])
        let function = String(target[target.index(after: colon)...])
        let isIdentifier =
            function.first.map { $0 == "_" || $0.isLetter } == true
            && function.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        guard !module.isEmpty, isIdentifier else {
            throw error(
                text, "'\(target)' in \(stage) should be FILE.py:NAME or package.module:NAME with NAME a Python name")
        }
        return .python(module: module, function: function, perSample: perSample)
    }

    private static func timeseries(_ params: [String], _ text: String) throws -> Stage {
        var window: Int?
        var slide: Int?
        var starts = [0]
        for param in params {
            let (key, value) = try keyValue(param, "timeseries", text)
            switch key {
            case "window": window = try integer(value, "window", min: 1, text)
            case "slide": slide = try integer(value, "slide", min: 1, text)
            case "start":
                starts = try value.split(separator: "/", omittingEmptySubsequences: false)
                    .map { try integer(String($0), "start", min: 0, text) }
            default: throw error(text, "timeseries has no parameter '\(key)' (it takes window, slide and start)")
            }
        }
        guard let window else { throw error(text, "timeseries needs window=N") }
        return .timeseries(window: window, slide: slide ?? window, starts: starts)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
