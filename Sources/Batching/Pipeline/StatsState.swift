/// The arithmetic behind ``PipelineStatsRecorder``, kept behind its lock.
struct _StatsState {
    /// Work summed over some batches: how many, their samples, and their stage seconds and bytes.
    struct Work {
        var batches = 0
        var samples = 0
        var stages = StageTimes()

        mutating func add(samples count: Int, _ times: StageTimes) {
            batches += 1
            samples += count
            stages = stages + times
        }
    }

    var startTime = Double.nan
    var lastMemoryTime = Double.nan
    /// Everything since the start.
    var total = Work()
    var last = StageTimes()
    var resident = (now: 0, peak: 0)
    var heap: Int?
    var heapChange: Int?
    /// The start and the most recent batches, for the recent rates.
    var recent: ThroughputWindow
    /// The work since the last history point, taken at `lastPointTime`.
    var sincePoint = Work()
    var lastPointTime = Double.nan
    var samplesPerSecond, readMB, decodedMB, residentMB, heapMB, readMs, decodeMs, preprocessMs: StatsHistory

    init(window: Int, historyLength: Int) {
        recent = ThroughputWindow(capacity: window + 1)
        let empty = StatsHistory(capacity: historyLength)
        (samplesPerSecond, readMB, decodedMB, residentMB, heapMB, readMs, decodeMs, preprocessMs) =
            (empty, empty, empty, empty, empty, empty, empty, empty)
    }

    mutating func begin(at now: Double) {
        guard startTime.isNaN else { return }
        startTime = now
        lastPointTime = now
        recent.start(at: now)
    }

    mutating func record(
        now: Double, samples count: Int, times: StageTimes, heap newHeap: Int?, historyInterval: Double
    ) {
        begin(at: now - times.total)
        total.add(samples: count, times)
        last = times
        if let newHeap {
            heapChange = heap.map { newHeap - $0 }
            heap = newHeap
        }
        recent.record(samples: count, stages: times, at: now)
        sincePoint.add(samples: count, times)
        let span = now - lastPointTime
        if span >= historyInterval - 1e-9, span > 0 {
            samplesPerSecond.append(Double(sincePoint.samples) / span)
            readMB.append(ByteUnits.megabytes(Double(sincePoint.stages.bytesRead) / span))
            decodedMB.append(ByteUnits.megabytes(Double(sincePoint.stages.bytesDecoded) / span))
            residentMB.append(ByteUnits.megabytes(resident.now))
            heapMB.append(ByteUnits.megabytes(heap ?? 0))
            let perBatch = 1000 / Double(sincePoint.batches)
            readMs.append(sincePoint.stages.read * perBatch)
            decodeMs.append(sincePoint.stages.decode * perBatch)
            preprocessMs.append(sincePoint.stages.preprocess * perBatch)
            lastPointTime = now
            sincePoint = Work()
        }
    }

    mutating func updateResident(_ reading: (now: Int, peak: Int), at now: Double) {
        resident = reading
        lastMemoryTime = now
    }

    func snapshot(now: Double, bufferedBytes: Int, cacheBytes: Int) -> PipelineStats {
        let elapsed = startTime.isNaN ? 0 : now - startTime
        let rates = recent.elapsedRates
        return PipelineStats(
            elapsed: elapsed, batches: total.batches, samples: total.samples,
            samplesPerSecond: rates.samplesPerSecond, batchesPerSecond: rates.batchesPerSecond,
            readMBPerSecond: ByteUnits.megabytes(rates.bytesReadPerSecond),
            decodedMBPerSecond: ByteUnits.megabytes(rates.bytesDecodedPerSecond),
            averageSamplesPerSecond: elapsed > 0 ? Double(total.samples) / elapsed : 0,
            residentBytes: resident.now, peakResidentBytes: resident.peak,
            heapInUseBytes: heap, heapChangeOverLastBatch: heapChange,
            bufferedBytes: bufferedBytes, cacheBytes: cacheBytes,
            lastStageTimes: last,
            meanStageTimes: total.stages.perBatch(total.batches),
            history: .init(
                samplesPerSecond: samplesPerSecond.values, readMBPerSecond: readMB.values,
                decodedMBPerSecond: decodedMB.values, residentMB: residentMB.values, heapMB: heapMB.values,
                readMilliseconds: readMs.values, decodeMilliseconds: decodeMs.values,
                preprocessMilliseconds: preprocessMs.values))
    }
}
