import ArgumentParser
import BatchViewCore
import BatchViewTerminal
import Foundation

/// `batchview frame FILE --size COLSxROWS --keys "n n p a"`: the inspector's screen after those
/// keys, printed as text, without a terminal. `--timing` reports the first-frame time and the
/// time from each key to its redrawn frame.
struct FrameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frame",
        abstract: "Print the inspector's screen after some keys, without a terminal.",
        discussion: """
            Keys are separated by spaces: single characters, or Enter, Esc, Tab, BTab, Space, Left, Right, Up, \
            Down, PgUp, PgDn, BSpace, C-c; a longer word is typed character by character.
            Example: batchview frame data/train.h5 --size 100x30 --keys "n n p Enter" --color none --timing
            """
    )

    @OptionGroup var options: InspectorOptions

    @Option(help: ArgumentHelp("The terminal size to draw for.", valueName: "COLSxROWS"))
    var size: FrameSize = FrameSize(width: 100, height: 30)

    // `.unconditional`: keys such as `- -` (zoom out) are the value, not options.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The keys to press before printing, separated by spaces (a longer word is typed character by character: 'g 12 Enter' goes to batch 12, 'g 1 Space 2 Enter' to epoch 1 batch 2).",
            valueName: "KEYS"))
    var keys: String = ""

    @Option(help: ArgumentHelp("none (plain text), 256 or truecolor (ANSI escapes).", valueName: "MODE"))
    var color: ColorChoice = .none

    @Flag(
        help:
            "Print timings to stderr: first frame, and key to redrawn frame (median, p95, max); then each key's load (kept, read ahead, read now, or page: the rows on screen first) and draw, and, for a page first, when the whole batch's frame followed."
    )
    var timing = false

    @Option(
        help: ArgumentHelp(
            "Wait this long before each key, as a person would (the next batch is read meanwhile).",
            valueName: "MS"))
    var pace: Int = 0

    func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let session = try options.session(colorMode: color.mode, environment: .live())
        let opened = DispatchTime.now().uptimeNanoseconds
        let firstLoad = session.takeLoadCost()
        var frame = session.render(width: size.width, height: size.height)
        var keyTimes = [
            KeyTiming(
                key: "first frame", handled: opened - start, load: firstLoad,
                drawn: DispatchTime.now().uptimeNanoseconds - opened, pageFirst: session.awaitsWholeBatch)
        ]
        // A key's time ends at the first frame showing its batch's rows on screen; when that
        // frame held only the page, the whole batch's frame follows without a key (when it came
        // before the next key, or at the end), and its time from the key is noted.
        var awaiting: (line: Int, pressed: UInt64)? = session.awaitsWholeBatch ? (0, start) : nil
        func drawWholeBatch(waiting: Bool) {
            guard let (line, pressed) = awaiting else { return }
            if waiting { session.waitForBackgroundWork() } else if !session.pollBackgroundWork() { return }
            guard !session.awaitsWholeBatch else { return }
            _ = session.takeLoadCost() // taking the read: not the next key's
            frame = session.render(width: size.width, height: size.height)
            keyTimes[line].wholeFrame = DispatchTime.now().uptimeNanoseconds - pressed
            awaiting = nil
        }
        for key in Key.parseSequence(keys) {
            if pace > 0 { usleep(useconds_t(pace) * 1000) }
            drawWholeBatch(waiting: false)
            let before = DispatchTime.now().uptimeNanoseconds
            if !session.handle(key) { break }
            session.waitForReplayCheck() // one printed screen: the replay check's verdict, not "checking"
            let handled = DispatchTime.now().uptimeNanoseconds
            frame = session.render(width: size.width, height: size.height)
            keyTimes.append(
                KeyTiming(
                    key: "\(key)", handled: handled - before, load: session.takeLoadCost(),
                    drawn: DispatchTime.now().uptimeNanoseconds - handled, pageFirst: session.awaitsWholeBatch))
            if session.awaitsWholeBatch { awaiting = (keyTimes.count - 1, before) } else { awaiting = nil }
        }
        drawWholeBatch(waiting: true) // the printed screen is the whole batch's
        let output = color == .none ? frame.text : frame.ansiText
        FileHandle.standardOutput.write(Data(output.utf8))
        if timing {
            let report =
                Self.timingReport(firstFrame: keyTimes[0].total, keys: keyTimes.dropFirst().map(\.total))
                + keyTimes.map { "  \($0.line)\n" }.joined()
            FileHandle.standardError.write(Data(report.utf8))
        }
    }

    /// `first frame 120.3 ms; 4 keys: median 3.1 ms, p95 5.0 ms, max 5.2 ms`.
    static func timingReport(firstFrame: UInt64, keys: [UInt64]) -> String {
        var text = "first frame \(KeyTiming.ms(firstFrame)) ms"
        let sorted = keys.sorted()
        if let slowest = sorted.last {
            let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
            text +=
                "; \(keys.count) keys: median \(KeyTiming.ms(sorted[sorted.count / 2])) ms, p95 \(KeyTiming.ms(p95)) ms, max \(KeyTiming.ms(slowest)) ms"
        }
        return text + "\n"
    }
}

/// Where one key's time went: handling it (a load among it, when it produced a batch) and
/// drawing the frame after it; for a batch shown page first, when the whole batch's frame
/// followed.
struct KeyTiming {
    var key: String
    var handled: UInt64
    var load: LoadCost?
    var drawn: UInt64
    /// Whether the frame showed the batch page first (its whole read still on its way).
    var pageFirst = false
    /// Nanoseconds from the key to the whole batch's frame, when it was drawn before the next key.
    var wholeFrame: UInt64?

    var total: UInt64 { handled + drawn }

    static func ms(_ ns: UInt64) -> String { String(format: "%.1f", Double(ns) / 1e6) }

    /// `n 23.4 ms: key 15.3 (read ahead 14.8 · preprocess 0.0 · decode 0.0 · build 0.2) + draw 8.1`;
    /// a frame drawn page first ends `; page first, whole batch drawn 61.0 ms after the key` (or
    /// `; page first, the next key came before the whole batch`).
    var line: String {
        let whole =
            !pageFirst
            ? ""
            : "; page first, "
                + (wholeFrame.map { "whole batch drawn \(Self.ms($0)) ms after the key" }
                    ?? "the next key came before the whole batch")
        return
            "\(key) \(Self.ms(total)) ms: key \(Self.ms(handled))\(load.map { " (\($0.summary))" } ?? "") + draw \(Self.ms(drawn))\(whole)"
    }
}

/// A terminal size written `COLSxROWS`.
struct FrameSize: ExpressibleByArgument {
    var width: Int
    var height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" })
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 1000, h <= 1000 else {
            return nil
        }
        self.init(width: w, height: h)
    }
}
