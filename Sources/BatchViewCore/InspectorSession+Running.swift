import Batching

/// Running (`r`): the prefetch pipeline feeds the inspector from the batch after the one on
/// screen until it is paused, a key moves elsewhere, or the last epoch ends.
extension InspectorSession {
    /// Advances one step while running (`r`): the next slice or batch from the prefetch
    /// pipeline (or, when it could not start, from the inspector's own reader).
    public func tick() {
        guard state.running else { return }
        guard let pipelineRun else {
            step(forward: true)
            return
        }
        do {
            guard
                let batch = try pipelineRun.next(
                    preprocessed: dataset.preprocessing != nil, finishedAt: environment.now())
            else {
                pause()
                return
            }
            if let problem = order.addressProblem(batch.address) {
                pause()
                setStatus(
                    epochLimit.map { "stopped: this is the last batch of the last epoch (--epochs \($0))" } ?? problem)
                return
            }
            current = batch
            loadError = nil
            state.address = batch.address
            state.slice = batch.slice
            state.selection = min(state.selection, max(batch.count - 1, 0))
            loader.keep(batch)
            if batch.slice == 0 {
                readings.record(batch.timing, running: true, memory: environment.memory(), before: memory)
            }
        } catch {
            pause()
            setStatus(forwardOnlyEndNote.map { "stopped: \($0)" } ?? "\(error)", isError: forwardOnlyEndNote == nil)
        }
    }

    /// Starts running: the prefetch pipeline from the batch after this one.
    func run() {
        state.running = true
        // A whole file is a large batch: one worker reads one file ahead (its threads per file
        // share the reading), instead of a worker per core and 4 batches held ahead. The user
        // interface's thread only takes batches, so every core gets a worker (`auto`).
        let files = dataset.fileBatches != nil
        let workers = files ? 1 : ParallelWork().width
        // The pipeline reads from here on: the reads ahead and kept for keys go (the shown
        // batch stays loaded), so that running holds only what the pipeline does.
        loader.readAhead([], keeping: [])
        do {
            pipelineRun = try PipelineRun(
                source: loader.source, options: loader.options,
                start: order.nextAddress(after: state.address), preprocessing: dataset.preprocessing,
                workers: workers, buffer: files ? 1 : 4)
            setStatus(
                files
                    ? "running through the prefetch pipeline (1 worker, one file ahead; r pauses)"
                    : "running through the prefetch pipeline (\(workers) workers, one per core; r pauses)")
        } catch {
            pipelineRun = nil
            setStatus("running batch by batch (the prefetch pipeline could not start: \(error))")
        }
    }

    /// Stops running and the pipeline's workers.
    func pause() {
        state.running = false
        if var last = pipelineRun?.stageWaitsReading() {
            last.running = false
            lastStageWaits = last
        }
        pipelineRun = nil
        setStatus("paused")
    }

    /// Where the pipeline's threads spent the last few seconds, or the last run's figures.
    public var stageWaits: StageWaitsReading? { pipelineRun?.stageWaitsReading() ?? lastStageWaits }

    /// Whether `action` moves to another batch (and so pauses a run).
    static func navigates(_ action: InspectorAction) -> Bool {
        switch action {
        case .nextBatch, .previousBatch, .nextEpoch, .previousEpoch, .promptGoTo, .promptFind, .cycleSampler,
            .toggleShuffle:
            true
        default: false
        }
    }
}
