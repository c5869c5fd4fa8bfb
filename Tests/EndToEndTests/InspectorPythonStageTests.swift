import Foundation
import TestSupport
import Testing

/// The real inspector in tmux with a python stage: what the user's code prints never reaches the
/// screen, and the inspector steps and quits as usual.
@Suite(.serialized) struct InspectorPythonStageTests {
    @Test func theUsersPrintsStayOffTheScreen() throws {
        let folder = try FixturePaths.temporaryDirectory("python-tmux")
        let module = folder.appendingPathComponent("loud.py").path
        try """
        import sys
        def f(images, labels, rng):
            print("USER PRINT on stdout")
            sys.stderr.write("USER PRINT on stderr\\n")
            return 255 - images
        """.write(toFile: module, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(
            command: InspectorBinary.commandLine([
                FixturePaths.fixture("mnist_small.h5"), "--preprocess", "python:\(module):f", "--workers", "2",
            ]))
        let first = try tmux.waitFor(text: "batch 0 of")
        #expect(first.contains("augmented"), "\(first)")
        try tmux.send("n")
        try tmux.waitFor(text: "batch 1 of")
        try tmux.send("p")
        let back = try tmux.waitFor(text: "batch 0 of")
        #expect(!first.contains("USER PRINT") && !back.contains("USER PRINT"), "\(back)")
        try tmux.send("q")
        #expect(try tmux.waitForExit().status == 0)
    }
}
