import Batching
import Foundation

/// The worker processes of one `python:` stage, started together and handed out to one caller
/// thread at a time.
///
/// A worker that ends during a call is started again and the call retried once; a second end is
/// an error. For the replay check a caller takes two distinct workers at once.
final class PythonWorkerPool: @unchecked Sendable {
    let function: PythonFunction
    let tally = PythonCallTally()
    private let condition = NSCondition()
    private var idle: [PythonWorker]

    /// Starts `count` workers and waits until each has imported the function.
    ///
    /// - Throws: ``PythonStageError`` when the interpreter, the module or the name is not usable;
    ///   the workers already started are stopped.
    init(_ function: PythonFunction, count: Int) throws {
        self.function = function
        let tally = self.tally
        let workers = try (0..<max(count, 1)).map { _ in try PythonWorker(function, tally: tally) }
        do {
            for worker in workers { try worker.launch() }
            for worker in workers { try worker.awaitReady() }
        } catch {
            for worker in workers { worker.stop() }
            throw error
        }
        idle = workers
        self.count = workers.count
    }

    deinit {
        for worker in idle { worker.stop() }
        replayPartner?.stop()
    }

    /// The number of workers.
    let count: Int

    /// Calls the function on one worker.
    func call(images: Tensor, labels: Tensor?, key: PythonCallKey) throws -> PythonResult {
        try countingCancellation {
            let worker = try take(1, for: key.address)[0]
            defer { giveBack([worker]) }
            return try Self.call(worker, images: images, labels: labels, key: key)
        }
    }

    /// Runs `body`, counting in the thread's ``ExternalCallWatch`` a call it ends by cancellation
    /// (waiting for a worker, starting one, or waiting for its reply).
    private func countingCancellation<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as PythonStageError where error.isCancellation {
            ExternalCallWatch.current?.recordCancelled()
            throw error
        }
    }

    /// Calls the function twice, on two different worker processes; a pool of one starts a
    /// second process for this the first time.
    func callTwice(images: Tensor, labels: Tensor?, key: PythonCallKey) throws -> (PythonResult, PythonResult) {
        try countingCancellation {
            let workers = try take(2, for: key.address)
            defer { giveBack(workers) }
            // With one worker, holding it keeps every other caller out, so `replayPartner` needs no lock.
            let partner = try workers.count == 2 ? workers[1] : replayPartnerStarted()
            let first = try Self.call(workers[0], images: images, labels: labels, key: key)
            let second = try Self.call(partner, images: images, labels: labels, key: key)
            return (first, second)
        }
    }

    /// The second process of a one-worker pool's replay checks.
    private var replayPartner: PythonWorker?

    private func replayPartnerStarted() throws -> PythonWorker {
        if let replayPartner { return replayPartner }
        let worker = try PythonWorker(function, tally: tally)
        try worker.start()
        replayPartner = worker
        return worker
    }

    private static func call(_ worker: PythonWorker, images: Tensor, labels: Tensor?, key: PythonCallKey) throws
        -> PythonResult
    {
        do {
            return try worker.call(images: images, labels: labels, key: key)
        } catch is PythonWorker.Ended {
            do {
                try worker.start(for: key.address)
                return try worker.call(images: images, labels: labels, key: key)
            } catch let again as PythonWorker.Ended {
                throw PythonStageError.workerDied(
                    stage: worker.function.stage, address: key.address, how: again.how, output: again.output)
            }
        }
    }

    /// `wanted` distinct workers (fewer if the pool is smaller), taken together so that two
    /// callers each holding one cannot wait for each other. A wait (the workers busy with the
    /// inspector's replay check) ends when the thread's ``ExternalCallWatch`` is cancelled.
    private func take(_ wanted: Int, for address: SliceAddress) throws -> [PythonWorker] {
        let watch = ExternalCallWatch.current
        let started = ContinuousClock.now
        condition.lock()
        defer { condition.unlock() }
        let needed = min(wanted, count)
        var reported = false
        defer { if reported { watch?.end() } }
        while idle.count < needed {
            guard let watch else {
                condition.wait()
                continue
            }
            if !reported {
                // Shown as the call it waits to make, so that the inspector offers Esc for it.
                watch.begin(
                    ExternalCallWatch.Call(
                        stage: function.stage, address: address, started: started, timeout: function.timeout))
                reported = true
            }
            if watch.isCancelled {
                throw PythonStageError.cancelled(stage: function.stage, address: address, since: started)
            }
            _ = condition.wait(until: Date(timeIntervalSinceNow: PythonProcess.cancellationPollMilliseconds / 1000))
        }
        let taken = Array(idle.suffix(needed))
        idle.removeLast(needed)
        return taken
    }

    private func giveBack(_ workers: [PythonWorker]) {
        condition.lock()
        idle += workers
        condition.broadcast()
        condition.unlock()
    }

}
