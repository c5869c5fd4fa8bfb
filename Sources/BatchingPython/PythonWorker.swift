import Batching
import Foundation

/// What a `python:` stage calls: the interpreter, the function and how long a call may take.
public struct PythonFunction: Sendable, Hashable {
    /// The interpreter to run (`python3`, a venv's `bin/python`, …), looked up on PATH.
    public var interpreter: String
    /// A `.py` file or a dotted module name.
    public var module: String
    /// The callable's name in `module`.
    public var name: String
    /// Whether the function takes one sample at a time (`python-sample:`).
    public var perSample: Bool
    /// The longest a call (or the start-up import) may take before the worker is stopped.
    public var timeout: Duration

    public init(interpreter: String, module: String, name: String, perSample: Bool, timeout: Duration) {
        self.interpreter = interpreter
        self.module = module
        self.name = name
        self.perSample = perSample
        self.timeout = timeout
    }

    /// The stage as written in `--preprocess`, e.g. `python:aug.py:jitter`; used in messages.
    public var stage: String { "\(perSample ? "python-sample" : "python"):\(module):\(name)" }
}

/// The images and labels a call returned (`labels` is `nil` when the function left them as they were).
struct PythonResult {
    var images: Tensor
    var labels: Tensor?
}

/// One worker process for a ``PythonFunction``, started on demand and started again after it
/// ended; used by one thread at a time (``PythonWorkerPool`` hands it out).
final class PythonWorker {
    /// The call ended because the process did: the caller may start it again and retry once.
    struct Ended: Error {
        var how: String
        var output: [String]
    }

    let function: PythonFunction
    private let shared: SharedMemoryFile
    private var process: PythonProcess?
    private let tally: PythonCallTally

    init(_ function: PythonFunction, tally: PythonCallTally) throws {
        self.function = function
        self.tally = tally
        shared = try SharedMemoryFile()
    }

    /// Starts the process without waiting for it (see ``awaitReady()``), so that several workers
    /// import the user's module at the same time.
    func launch() throws {
        process?.stop()
        process = try PythonProcess(
            interpreter: function.interpreter,
            arguments: [function.module, function.name, String(getpid())],
            sharedMemory: shared.descriptor)
    }

    /// The least time a worker is given to import the user's module, whatever the call timeout:
    /// importing NumPy (or torch) on a busy machine can take longer than a short call timeout,
    /// and a slow import is not a hung call.
    static let importAllowance: Duration = .seconds(60)

    /// Waits for the worker's hello: it imported the module and found a callable, within the
    /// call timeout or ``importAllowance``, whichever is longer (or until the thread's
    /// ``ExternalCallWatch`` is cancelled; `address` is the call's that started the worker).
    func awaitReady(for address: SliceAddress? = nil) throws {
        guard let process else { return try start(for: address) }
        let allowance = max(function.timeout, Self.importAllowance)
        let started = ContinuousClock.now
        do {
            let reply = try readReply(process, by: started + allowance)
            if case .refused(let message) = reply {
                throw PythonStageError.startup(stage: function.stage, message: message, output: process.lastOutput())
            }
        } catch let interruption as PythonProcess.Interruption {
            if interruption == .cancelled {
                stop()
                throw PythonStageError.cancelled(stage: function.stage, address: address, since: started)
            }
            let output = process.lastOutput()
            let how =
                interruption == .timedOut
                ? "did not finish importing within \(allowance.seconds) s"
                : "its worker \(process.exitDescription()) while importing"
            process.stop()
            self.process = nil
            throw PythonStageError.startup(stage: function.stage, message: how, output: output)
        }
    }

    /// Starts (or restarts) the process and waits until it is ready; `address` is the call's
    /// that needs it, for messages.
    func start(for address: SliceAddress? = nil) throws {
        try launch()
        try awaitReady(for: address)
    }

    /// Stops the process; the next call starts a fresh one.
    func stop() {
        process?.stop()
        process = nil
    }

    /// Calls the function on `images` and `labels` seeded by `key`.
    ///
    /// - Throws: ``Ended`` when the process ended during the call; ``PythonStageError`` for an
    ///   exception, an unusable result or a timeout (after which the process is stopped).
    ///
    /// The thread's ``ExternalCallWatch``, when there is one, sees the call while it runs; once
    /// cancelled, the call stops the process and throws ``PythonStageError/cancelled(stage:address:seconds:)``.
    func call(images: Tensor, labels: Tensor?, key: PythonCallKey) throws -> PythonResult {
        let clock = ContinuousClock()
        let started = clock.now
        let watch = ExternalCallWatch.current
        if watch?.isCancelled == true {
            throw PythonStageError.cancelled(stage: function.stage, address: key.address, seconds: 0)
        }
        watch?.begin(
            ExternalCallWatch.Call(
                stage: function.stage, address: key.address, started: started, timeout: function.timeout))
        defer { watch?.end() }
        if process == nil { try start(for: key.address) }
        guard let process else { throw Ended(how: "could not be started", output: []) }
        let imagesAt = PythonWire.ArrayPlacement(dtype: images.dtype, shape: images.shape, offset: 0)
        let labelsAt = labels.map {
            PythonWire.ArrayPlacement(
                dtype: $0.dtype, shape: $0.shape, offset: PythonWire.aligned(imagesAt.byteCount))
        }
        let inputEnd = labelsAt.map { $0.offset + $0.byteCount } ?? imagesAt.byteCount
        let base = try shared.mapping(atLeast: inputEnd)
        images.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        if let labels, let labelsAt {
            labels.withUnsafeBytes { (base + labelsAt.offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
        process.clearOutput()
        let operation: PythonWire.Operation = function.perSample ? .perSample : .batch
        let reply: Reply
        do {
            try process.send(PythonWire.request(operation, key: key, images: imagesAt, labels: labelsAt))
            reply = try readReply(process, by: clock.now + function.timeout)
        } catch let broken as PythonStageError {
            stop() // the channel is out of step; a fresh process starts with the next call
            throw broken
        } catch let interruption as PythonProcess.Interruption {
            if interruption == .cancelled {
                stop()
                throw PythonStageError.cancelled(stage: function.stage, address: key.address, since: started)
            }
            let output = process.lastOutput()
            if interruption == .timedOut {
                stop()
                throw PythonStageError.timeout(
                    stage: function.stage, address: key.address, seconds: function.timeout.seconds, output: output)
            }
            let how = process.exitDescription()
            stop()
            throw Ended(how: how, output: output)
        }
        switch reply {
        case .refused(let message):
            throw PythonStageError.call(
                stage: function.stage, address: key.address, message: message, output: process.lastOutput())
        case .ready:
            throw PythonStageError.protocolBroken(stage: function.stage, detail: "it answered a call with no arrays")
        case .result(let seconds, let imagesOut, let labelsOut):
            let mapped = try shared.mapping(atLeast: 0)
            let result = try PythonResult(
                images: copy(imagesOut, from: mapped), labels: labelsOut.map { try copy($0, from: mapped) })
            let roundTrip = (clock.now - started).seconds
            tally.add(
                python: seconds, roundTrip: roundTrip,
                bytes: inputEnd + imagesOut.byteCount + (labelsOut?.byteCount ?? 0))
            StageRecorder.current?.addExternal(seconds: seconds, transport: max(roundTrip - seconds, 0))
            return result
        }
    }

    private func copy(_ placement: PythonWire.ArrayPlacement, from base: UnsafeMutableRawPointer) throws -> Tensor {
        guard placement.offset >= 0, placement.offset + placement.byteCount <= shared.mappedSize else {
            throw PythonStageError.protocolBroken(
                stage: function.stage, detail: "a result lies outside the shared memory")
        }
        return Tensor(
            dtype: placement.dtype, shape: placement.shape,
            copyingBytes: UnsafeRawBufferPointer(start: base + placement.offset, count: placement.byteCount))
    }

    /// A reply as read from the channel.
    private enum Reply {
        case ready
        case refused(String)
        case result(pythonSeconds: Double, images: PythonWire.ArrayPlacement, labels: PythonWire.ArrayPlacement?)
    }

    private func readReply(_ process: PythonProcess, by deadline: ContinuousClock.Instant) throws -> Reply {
        let watch = ExternalCallWatch.current
        var head = PythonWire.Reader(
            bytes: try process.receive(PythonWire.replyHeaderSize, by: deadline, watch: watch))
        guard head.text(4) == "BVRS" else {
            throw PythonStageError.protocolBroken(stage: function.stage, detail: "a reply did not start with BVRS")
        }
        let status = head.integer(UInt32.self)
        let seconds = Double(bitPattern: head.integer(UInt64.self))
        if status != 0 {
            var length = PythonWire.Reader(bytes: try process.receive(4, by: deadline, watch: watch))
            let count = Int(length.integer(UInt32.self))
            var text = PythonWire.Reader(bytes: try process.receive(count, by: deadline, watch: watch))
            return .refused(text.text(count))
        }
        let images = try readPlacement(process, by: deadline, watch: watch)
        let labels = try readPlacement(process, by: deadline, watch: watch)
        guard let images else { return .ready }
        return .result(pythonSeconds: seconds, images: images, labels: labels)
    }

    private func readPlacement(
        _ process: PythonProcess, by deadline: ContinuousClock.Instant, watch: ExternalCallWatch?
    ) throws -> PythonWire.ArrayPlacement? {
        var fixed = PythonWire.Reader(
            bytes: try process.receive(PythonWire.arrayHeaderSize, by: deadline, watch: watch))
        let descriptor = fixed.text(8)
        let rank = Int(fixed.integer(UInt32.self))
        let present = fixed.integer(UInt32.self) != 0
        let offset = Int(fixed.integer(UInt64.self))
        guard rank <= 32 else {
            throw PythonStageError.protocolBroken(stage: function.stage, detail: "an array of rank \(rank)")
        }
        var extents = PythonWire.Reader(bytes: try process.receive(8 * rank, by: deadline, watch: watch))
        let shape = (0..<rank).map { _ in Int(extents.integer(Int64.self)) }
        guard present else { return nil }
        guard let dtype = PythonWire.dtype(descriptor) else {
            throw PythonStageError.protocolBroken(stage: function.stage, detail: "unknown dtype '\(descriptor)'")
        }
        return PythonWire.ArrayPlacement(dtype: dtype, shape: shape, offset: offset)
    }
}
