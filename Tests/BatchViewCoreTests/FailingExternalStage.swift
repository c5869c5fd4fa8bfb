import Batching
import Foundation

@testable import BatchViewCore

/// A stand-in for a python stage, reporting its calls to the thread's ``ExternalCallWatch`` as
/// `PythonWorker` does: it raises on batch `raisesOn`, hangs on batch `hangsOn` until cancelled
/// (at most 20 s, so that a cancellation that never arrives fails a test instead of hanging it),
/// and inverts every other batch (255 − value), so augmented and raw previews differ.
struct FailingExternalStage: ExternalStage {
    /// Its errors, worded as `PythonStageError`'s.
    enum Failure: ExternalStageError, Equatable {
        case raised(SliceAddress)
        case cancelled(SliceAddress, seconds: Double)

        var isCancellation: Bool { if case .cancelled = self { true } else { false } }

        var description: String {
            switch self {
            case .raised(let at):
                "python:/work/aug3.py:f failed at epoch \(at.epoch), batch \(at.batch): f raised ValueError: too dark (aug3.py, line 4)"
            case .cancelled(let at, let seconds):
                "python:/work/aug3.py:f was cancelled after \(String(format: "%.1f", seconds)) s at epoch \(at.epoch), batch \(at.batch), so its worker was stopped"
            }
        }
    }

    var state = PreprocessorState()
    var raisesOn: Int
    var hangsOn: Int
    var specification: String { "python:/work/aug3.py:f" }
    var functionName: String { "f" }
    var definedIn: String { "/work/aug3.py" }

    func sliceCount(for input: BatchSlice) throws -> Int { 1 }

    func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        let watch = ExternalCallWatch.current
        let started = ContinuousClock.now
        watch?.begin(
            ExternalCallWatch.Call(
                stage: specification, address: input.address, started: started, timeout: .seconds(30)))
        if input.address.batch == raisesOn {
            watch?.end()
            throw Failure.raised(input.address)
        }
        if input.address.batch == hangsOn {
            while watch?.isCancelled != true, ContinuousClock.now - started < .seconds(20) { usleep(1000) }
            watch?.end()
            watch?.recordCancelled()
            throw Failure.cancelled(input.address, seconds: (ContinuousClock.now - started).seconds)
        }
        watch?.end()
        var out = input
        out.images = Tensor(shape: input.images.shape, scalars: input.images.scalars(as: UInt8.self).map { 255 - $0 })
        return out
    }

    func sliceTwice(of input: BatchSlice) throws -> (BatchSlice, BatchSlice) {
        (try slice(0, of: input), try slice(0, of: input))
    }

    /// A session on `mnist_small` in order (batch k holds samples 16k…16k+15) through the stage.
    static func session(raisesOn: Int = 2, hangsOn: Int = 3) throws -> InspectorSession {
        var dataset = FixtureData.mnistSmall()
        dataset.preprocessing = InspectedPreprocessing(
            FailingExternalStage(raisesOn: raisesOn, hangsOn: hangsOn), name: "python:/work/aug3.py:f", seed: 1)
        return try FixtureData.session(dataset, shuffle: false)
    }
}
