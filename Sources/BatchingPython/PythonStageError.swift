import Batching

/// What went wrong in a `python:` stage, as one sentence (plus the last lines the user's code
/// printed, when it printed any).
public enum PythonStageError: ExternalStageError, Sendable, Equatable {
    /// The interpreter could not be started at all.
    case cannotStart(interpreter: String, reason: String)
    /// The shared-memory file could not be made or grown.
    case cannotShareMemory(path: String, reason: String)
    /// The worker started but cannot call the function: missing file or module, a syntax or import
    /// error, NAME missing or not callable, NumPy missing.
    case startup(stage: String, message: String, output: [String])
    /// The call raised, or returned something batchview cannot use.
    case call(stage: String, address: SliceAddress, message: String, output: [String])
    /// The call took longer than the timeout; the worker was stopped.
    case timeout(stage: String, address: SliceAddress, seconds: Double, output: [String])
    /// The worker ended during the call, and again when the batch was retried on a fresh one.
    case workerDied(stage: String, address: SliceAddress, how: String, output: [String])
    /// Two runs of the same call on different workers gave different bytes.
    case notReplayable(stage: String, address: SliceAddress, differingSamples: Int, samples: Int)
    /// The worker answered something that is not the protocol (the user's code wrote to fd 3?).
    case protocolBroken(stage: String, detail: String)
    /// The call was cancelled (the inspector's Esc or quit) after `seconds`; the worker was
    /// stopped. `address` is `nil` when it was cancelled while a worker started for no call.
    case cancelled(stage: String, address: SliceAddress?, seconds: Double)

    public var isCancellation: Bool {
        if case .cancelled = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .cannotStart(let interpreter, let reason):
            return "cannot start the Python interpreter '\(interpreter)' for a python stage: \(reason)"
        case .cannotShareMemory(let path, let reason):
            return "cannot make the shared memory a python stage passes arrays through (\(path)): \(reason)"
        case .startup(let stage, let message, let output):
            return "\(stage) cannot start: \(message)" + Self.tail(output)
        case .call(let stage, let address, let message, let output):
            return "\(stage) failed at \(Self.place(address)): \(message)" + Self.tail(output)
        case .timeout(let stage, let address, let seconds, let output):
            return
                "\(stage) took longer than \(Self.number(seconds)) s at \(Self.place(address)), so its worker was stopped (raise --python-timeout if it is only slow)"
                + Self.tail(output)
        case .workerDied(let stage, let address, let how, let output):
            return
                "\(stage)'s worker \(how) at \(Self.place(address)), and again when the batch was retried on a fresh worker"
                + Self.tail(output)
        case .notReplayable(let stage, let address, let differing, let samples):
            return
                "\(stage) is not replayable: at \(Self.place(address)) \(differing) of \(samples) samples differ between two runs on different workers (does it read time, os.urandom or an unseeded generator instead of rng?)"
        case .protocolBroken(let stage, let detail):
            return "\(stage)'s worker broke the protocol: \(detail)"
        case .cancelled(let stage, let address, let seconds):
            let place = address.map { " at \(Self.place($0))" } ?? " while its worker started"
            return
                "\(stage) was cancelled after \(String(format: "%.1f", seconds)) s\(place), so its worker was stopped"
        }
    }

    private static func place(_ address: SliceAddress) -> String {
        address.slice == 0
            ? "epoch \(address.epoch), batch \(address.batch)"
            : "epoch \(address.epoch), batch \(address.batch), slice \(address.slice)"
    }

    private static func number(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func tail(_ output: [String]) -> String {
        output.isEmpty ? "" : "; its last output: " + output.map { "\"\($0)\"" }.joined(separator: " / ")
    }
}

extension PythonStageError {
    /// A call of `stage` at `address` cancelled now, `started` being when it (or its wait for a
    /// worker) began.
    static func cancelled(stage: String, address: SliceAddress?, since started: ContinuousClock.Instant) -> Self {
        .cancelled(stage: stage, address: address, seconds: (ContinuousClock.now - started).seconds)
    }
}
