import Foundation
import TestSupport
import Testing

/// The real `batchview` binary in tmux: navigation, resizing, quitting, and what it does
/// without a terminal.
@Suite(.serialized) struct InspectorEndToEndTests {
    /// `n n p` shows the very screen the first `n` showed; `N` moves to the next epoch.
    @Test func stepsForwardAndBackToTheSameScreen() throws {
        let tmux = try TmuxSession(command: InspectorBinary.commandLine(InspectorBinary.demoArguments + ["--shuffle"]))
        try tmux.waitFor(text: "batch 0 of")
        // Hide the memory and throughput panes: their live numbers change with every batch.
        try tmux.send("4")
        try tmux.waitFor("memory pane hidden") { !$0.contains("4 Memory") }
        try tmux.send("5")
        try tmux.waitFor("throughput pane hidden") { !$0.contains("5 Throughput") }
        try tmux.send("n")
        let afterFirst = try tmux.waitFor(text: "batch 1 of")
        try tmux.send("n")
        try tmux.waitFor(text: "batch 2 of")
        try tmux.send("p")
        let back = try tmux.waitFor(text: "batch 1 of")
        #expect(back == afterFirst)
        try tmux.send("N")
        let nextEpoch = try tmux.waitFor(text: "epoch 1  batch 0 of")
        #expect(nextEpoch != afterFirst)
        try tmux.send("q")
        #expect(try tmux.waitForExit().status == 0)
    }

    /// A resize redraws at once; below the minimum the "too small" screen shows and q still works
    /// after growing back.
    @Test func redrawsOnResizeAndShowsTooSmall() throws {
        let tmux = try TmuxSession(command: InspectorBinary.commandLine(InspectorBinary.demoArguments))
        try tmux.waitFor(text: "batch 0 of")
        try tmux.resize(width: 60, height: 20)
        try tmux.waitFor("60-column frame") { screen in
            screen.contains("1 Batch") && screen.split(separator: "\n").allSatisfy { $0.count <= 60 }
                && !screen.contains("2 Class")
        }
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor(text: "terminal too small")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("full frame again") { $0.contains("2 Class balance") && $0.contains("batch 0 of") }
        try tmux.send("q")
        #expect(try tmux.waitForExit().status == 0)
    }

    /// q exits 0 and Ctrl-C 130 (128 + SIGINT, as an interrupted program does), both leaving the
    /// terminal in its normal (canonical, echoing) mode.
    @Test(arguments: [("q", 0), ("C-c", 130)]) func quitsCleanly(key: String, status expected: Int) throws {
        let tmux = try TmuxSession(command: InspectorBinary.commandLine(InspectorBinary.demoArguments))
        try tmux.waitFor(text: "batch 0 of")
        try tmux.send(key)
        let (status, stty) = try tmux.waitForExit()
        #expect(status == expected)
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"))
        #expect(stty.contains(" echo ") && !stty.contains("-echo "))
    }

    /// A drawing sampler without `--shuffle` on a real terminal: the sentence `order` prints, exit
    /// 1, and the terminal as it was (no screen drawn, canonical and echoing).
    @Test func anInOrderDrawingSamplerLeavesTheTerminalAlone() throws {
        let tmux = try TmuxSession(
            command: InspectorBinary.commandLine(InspectorBinary.demoArguments + ["--sampler", "balanced"]))
        let (status, stty) = try tmux.waitForExit()
        #expect(status == 1)
        let screen = try tmux.capture()
        #expect(screen.contains("cannot iterate in order"))
        #expect(!screen.contains("1 Batch"))
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"))
        #expect(stty.contains(" echo ") && !stty.contains("-echo "))
    }

    /// On a 30×8 terminal (too small for the panes) `?` shows the keys page by page; Esc goes
    /// back to the "too small" screen and q quits.
    @Test func helpPagesOnATinyTerminal() throws {
        let tmux = try TmuxSession(
            command: InspectorBinary.commandLine(InspectorBinary.demoArguments), width: 30, height: 8)
        try tmux.waitFor(text: "q quits  ? keys")
        try tmux.send("?")
        let first = try tmux.waitFor(text: "Keys 1/")
        #expect(first.contains("└") && first.contains("Space more"))
        try tmux.send("Space")
        try tmux.waitFor(text: "Keys 2/")
        try tmux.send("Escape")
        try tmux.waitFor(text: "terminal too small")
        try tmux.send("q")
        // Room for the exit status and stty lines the session prints after the command.
        try tmux.resize(width: 100, height: 30)
        #expect(try tmux.waitForExit().status == 0)
    }

    /// Without a terminal it prints one frame and exits 0; a file that is not HDF5 gets one
    /// sentence and a non-zero exit.
    @Test func withoutTerminalAndWithBadInput() throws {
        let frame = try InspectorBinary.run(InspectorBinary.demoArguments)
        #expect(frame.status == 0)
        #expect(frame.output.contains("batch 0 of"))
        #expect(frame.output.contains("1 Batch"))
        #expect(!frame.output.contains("\u{1B}["))
        let bad = try InspectorBinary.run([FixturePaths.fixture("bad/not_hdf5.h5")])
        #expect(bad.status != 0)
        #expect(bad.error.contains("not_hdf5.h5"))
        #expect(bad.error.split(separator: "\n").count == 1)
    }
}

/// `batchview frame` on the shared h5py fixtures: the same screens without a terminal.
@Suite struct FrameCommandTests {
    @Test func rendersTheFixtureAfterKeys() throws {
        // The header shows the path; a short link keeps it from depending on where the checkout is.
        let link = URL(fileURLWithPath: "/tmp/bv-frame-\(getpid()).h5")
        try? FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(
            at: link, withDestinationURL: URL(fileURLWithPath: FixturePaths.fixture("rgb_chunked_gzip.h5")))
        defer { try? FileManager.default.removeItem(at: link) }
        let result = try InspectorBinary.run([
            "frame", link.path, "--size", "100x30",
            "--keys", "n Enter", "--color", "none", "--timing",
        ])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 31) // 30 rows and the final newline
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(result.output.contains("train/images uint8 (300, 32, 32, 3)"))
        #expect(result.output.contains("epoch 0  batch 1 of 5"))
        // Sample 64 has label 64 % 5 = 4, the fifth class name of the file.
        #expect(result.output.contains("sample 64 · label ring (4)"))
        #expect(result.error.hasPrefix("first frame "))
    }

    @Test func colourModesWriteTheirEscapes() throws {
        let fixture = FixturePaths.fixture("mnist_small.h5")
        let palette = try InspectorBinary.run(["frame", fixture, "--size", "80x24", "--color", "256"])
        #expect(palette.output.contains("\u{1B}[0;38;5;"))
        #expect(palette.output.contains("▀"))
        let truecolor = try InspectorBinary.run(["frame", fixture, "--size", "80x24", "--color", "truecolor"])
        #expect(truecolor.output.contains(";38;2;"))
        let tooSmall = try InspectorBinary.run(["frame", fixture, "--size", "30x8"])
        #expect(tooSmall.output.contains("terminal too small:"))
    }
}
