/// The arithmetic behind ``PipelineStatsRecorder``, kept behind its lock.
struct _StatsState {
    var startTime = Double.nan
    var lastMemoryTime = Double.nan
    var batches = 0
    var samples = 0
    var bytesRead = 0
    var bytesDecoded = 0
    var totals = StageTimes()
    var last = StageTimes()
    var resident = (now: 0, peak: 0)
    var heap: Int?
    var heapChange: Int?
    /// Per recent batch: time, and cumulative samples / bytes read / bytes decoded after it.
    var recentTimes: StatsHistory
    var recentSamples: StatsHistory
    var recentRead: StatsHistory
    var recentDecoded: StatsHistory
    // History points.
    var lastPointTime = Double.nan
    var pointSamples = 0
    var pointRead = 0
    var pointDecoded = 0
    var pointBatches = 0
    var pointStages = StageTimes()
    var samplesPerSecond, readMB, decodedMB, residentMB, heapMB, readMs, decodeMs, preprocessMs: StatsHistory

    init(window: Int, historyLength: Int) {
        recentTimes = StatsHistory(capacity: window + 1)
        recentSamples = StatsHistory(capacity: window + 1)
        recentRead = StatsHistory(capacity: window + 1)
        recentDecoded = StatsHistory(capacity: window + 1)
        let empty = StatsHistory(capacity: historyLength)
        (samplesPerSecond, readMB, decodedMB, residentMB, heapMB, readMs, decodeMs, preprocessMs) =
            (empty, empty, empty, empty, empty, empty, empty, empty)
    }

    mutating func begin(at now: Double) {
        guard startTime.isNaN else { return }
        startTime = now
        lastPointTime = now
        pushRecent(now)
    }

    private mutating func pushRecent(_ now: Double) {
        recentTimes.append(now)
        recentSamples.append(Double(samples))
        recentRead.append(Double(bytesRead))
        recentDecoded.append(Double(bytesDecoded))
    }

    mutating func record(
        now: Double, samples count: Int, times: StageTimes, heap newHeap: Int?, historyInterval: Double
    ) {
        begin(at: now - times.total)
        batches += 1
        samples += count
        bytesRead += times.bytesRead
        bytesDecoded += times.bytesDecoded
        totals.read += times.read
        totals.decode += times.decode
        totals.preprocess += times.preprocess
        totals.bytesRead += times.bytesRead
        totals.bytesDecoded += times.bytesDecoded
        last = times
        if let newHeap {
            heapChange = heap.map { newHeap - $0 }
            heap = newHeap
        }
        pushRecent(now)
        pointSamples += count
        pointRead += times.bytesRead
        pointDecoded += times.bytesDecoded
        pointBatches += 1
        pointStages.read += times.read
        pointStages.decode += times.decode
        pointStages.preprocess += times.preprocess
        let span = now - lastPointTime
        if span >= historyInterval - 1e-9, span > 0 {
            samplesPerSecond.append(Double(pointSamples) / span)
            readMB.append(Double(pointRead) / span / 1e6)
            decodedMB.append(Double(pointDecoded) / span / 1e6)
            residentMB.append(Double(resident.now) / 1_048_576)
            heapMB.append(Double(heap ?? 0) / 1_048_576)
            let perBatch = 1000 / Double(pointBatches)
            readMs.append(pointStages.read * perBatch)
            decodeMs.append(pointStages.decode * perBatch)
            preprocessMs.append(pointStages.preprocess * perBatch)
            lastPointTime = now
            (pointSamples, pointRead, pointDecoded, pointBatches, pointStages) = (0, 0, 0, 0, StageTimes())
        }
    }

    mutating func updateResident(_ reading: (now: Int, peak: Int), at now: Double) {
        resident = reading
        lastMemoryTime = now
    }

    /// The rate of a cumulative measure over the recent window.
    private func rate(_ cumulative: StatsHistory) -> Double {
        guard recentTimes.count >= 2, let newest = recentTimes.last, let value = cumulative.last else { return 0 }
        let oldest = recentTimes.values[0]
        let oldValue = cumulative.values[0]
        return newest > oldest ? (value - oldValue) / (newest - oldest) : 0
    }

    func snapshot(now: Double, bufferedBytes: Int, cacheBytes: Int) -> PipelineStats {
        let elapsed = startTime.isNaN ? 0 : now - startTime
        let batchesInWindow = Double(max(recentTimes.count - 1, 0))
        let windowSpan = recentTimes.count >= 2 ? recentTimes.last! - recentTimes.values[0] : 0
        let n = Double(max(batches, 1))
        return PipelineStats(
            elapsed: elapsed, batches: batches, samples: samples,
            samplesPerSecond: rate(recentSamples),
            batchesPerSecond: windowSpan > 0 ? batchesInWindow / windowSpan : 0,
            readMBPerSecond: rate(recentRead) / 1e6, decodedMBPerSecond: rate(recentDecoded) / 1e6,
            averageSamplesPerSecond: elapsed > 0 ? Double(samples) / elapsed : 0,
            residentBytes: resident.now, peakResidentBytes: resident.peak,
            heapInUseBytes: heap, heapChangeOverLastBatch: heapChange,
            bufferedBytes: bufferedBytes, cacheBytes: cacheBytes,
            lastStageTimes: last,
            meanStageTimes: StageTimes(
                read: totals.read / n, decode: totals.decode / n, preprocess: totals.preprocess / n,
                bytesRead: totals.bytesRead / max(batches, 1),
                bytesDecoded: totals.bytesDecoded / max(batches, 1)),
            history: .init(
                samplesPerSecond: samplesPerSecond.values, readMBPerSecond: readMB.values,
                decodedMBPerSecond: decodedMB.values, residentMB: residentMB.values, heapMB: heapMB.values,
                readMilliseconds: readMs.values, decodeMilliseconds: decodeMs.values,
                preprocessMilliseconds: preprocessMs.values))
    }
}
