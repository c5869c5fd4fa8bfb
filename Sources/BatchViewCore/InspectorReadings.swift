import Batching

/// What the inspector measured along the way, for the memory and throughput panes: each new
/// batch's stage times and the memory after it.
struct InspectorReadings {
    var meter = ThroughputMeter()
    /// Memory at the last batch.
    private(set) var memory: MemoryReading
    /// The heap change the last batch caused.
    private(set) var heapDelta: Int?
    /// Resident megabytes after each batch, oldest first (the last 240).
    private(set) var residentHistory: [Double] = []

    /// Readings that start from `memory`.
    init(memory: MemoryReading) { self.memory = memory }

    /// Records a newly produced batch: its stage times, and the memory `now` against `before`
    /// it was produced.
    mutating func record(_ timing: BatchTiming, running: Bool, memory now: MemoryReading, before: MemoryReading) {
        meter.record(timing, running: running)
        memory = now
        if let inUse = now.heapInUseBytes, let then = before.heapInUseBytes { heapDelta = inUse - then }
        residentHistory.append(ByteUnits.megabytes(now.residentBytes))
        if residentHistory.count > 240 { residentHistory.removeFirst() }
    }
}
