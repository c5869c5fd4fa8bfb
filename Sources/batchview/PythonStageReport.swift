import Batching
import BatchingPython

/// The `python` part of `bench`'s JSON line: where the python stages' time went, per batch.
struct PythonStageReport {
    var statistics: PythonCallStatistics
    var workers: Int
    var batches: Int

    /// `nil` when `preprocessor` has no python stage.
    init?(_ preprocessor: (any Preprocessor)?, batches: Int) {
        let stages = PythonStageBuilder.pythonStages(of: preprocessor)
        guard !stages.isEmpty else { return nil }
        statistics = stages.map(\.statistics).reduce(PythonCallStatistics(), +)
        workers = stages.map(\.workerCount).reduce(0, +)
        self.batches = batches
    }

    var record: [String: Any] {
        let perBatch = { (seconds: Double) in (seconds / Double(max(batches, 1)) * 1000 * 1000).rounded() / 1000 }
        return [
            "calls": statistics.calls, "worker_processes": workers,
            "python_ms_per_batch": perBatch(statistics.pythonSeconds),
            "transport_ms_per_batch": perBatch(statistics.transportSeconds),
            "transport_share": (statistics.transportShare * 1000).rounded() / 1000,
            "transport_MB_per_s": statistics.transportSeconds > 0
                ? (Double(statistics.bytesMoved) / 1e6 / statistics.transportSeconds * 10).rounded() / 10 : 0,
        ]
    }
}
