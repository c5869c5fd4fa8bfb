import Batching

/// Moving through the stream: the next or previous slice, batch and epoch, a typed address, a
/// sample found, and the selection within the batch on screen.
extension InspectorSession {
    /// The next or previous slice, batch or epoch.
    func step(forward: Bool) {
        if forward {
            if let batch = current, state.slice + 1 < batch.sliceCount {
                state.slice += 1
                reload()
                return
            }
            let next = order.nextAddress(after: state.address)
            if let problem = order.addressProblem(next) {
                if state.running { pause() }
                if let last = epochLimit, next.epoch >= last {
                    setStatus("this is the last batch of the last epoch (--epochs \(last))")
                } else {
                    setStatus(problem, isError: epochLimit == nil)
                }
                return
            }
            if let problem = forwardOnlyProblem(movingTo: next) {
                if state.running { pause() }
                setStatus(problem, isError: forwardOnlyEndNote == nil)
                return
            }
            move(to: next, slice: 0)
        } else {
            if state.slice > 0 {
                state.slice -= 1
                reload()
                return
            }
            guard let previous = order.previousAddress(before: state.address) else {
                setStatus("this is the first batch")
                return
            }
            if let problem = forwardOnlyProblem(movingTo: previous) {
                setStatus(problem)
                return
            }
            move(to: previous, slice: Int.max)
        }
    }

    /// Jumps to `address` (slice 0), checking it exists.
    public func go(to address: BatchAddress) {
        guard address.epoch >= 0, address.batch >= 0, batchCount.map({ address.batch < $0 }) ?? true else {
            setStatus(
                "\(BatchingError.addressOutOfRange(epoch: address.epoch, batch: address.batch, batchCount: batchCount))",
                isError: true)
            return
        }
        if let problem = order.addressProblem(address) ?? forwardOnlyProblem(movingTo: address) {
            setStatus(problem, isError: true)
            return
        }
        move(to: address, slice: 0)
    }

    /// Why sample `index` is in no batch of `epoch`: outside the subset, in another rank's shard,
    /// or not drawn by the sampler.
    static func whyNotDrawn(sample index: Int, epoch: Int, _ sampling: SamplingSpec, sampler: SamplerChoice) -> String {
        if let subset = sampling.subset, !subset.contains(index) {
            return "sample \(index) is outside the subset \(subset.lowerBound):\(subset.upperBound) (--subset)"
        }
        if sampling.shard.worldSize > 1 {
            return "sample \(index) is not in shard \(sampling.shard) in epoch \(epoch)"
        }
        return "sample \(index) is not drawn in epoch \(epoch) (\(sampler) sampler)"
    }

    /// Moves to the first batch of this epoch that holds sample `index` and selects it.
    public func find(sample index: Int) {
        guard index >= 0, index < dataset.sampleCount else {
            setStatus("\(BatchingError.indexOutOfRange(index: index, count: dataset.sampleCount))", isError: true)
            return
        }
        let epoch = state.address.epoch
        let hits = order.places(ofSample: index, epoch: epoch)
        guard let first = hits.first else {
            setStatus(
                Self.whyNotDrawn(sample: index, epoch: epoch, configuration.sampling, sampler: configuration.sampler))
            return
        }
        move(to: BatchAddress(epoch: epoch, batch: first.batch), slice: 0)
        state.selection = first.row
        let more = hits.count > 1 ? " (drawn \(hits.count) times this epoch)" : ""
        setStatus("sample \(index) is in batch \(first.batch), row \(first.row) of epoch \(epoch)\(more)")
    }

    /// Answers a prompt: goes to the typed address, or finds the typed sample.
    func submit(_ kind: PromptKind, text: String) {
        if kind == .goTo, let step = PromptEditor.step(in: text) {
            switch step {
            case .success(let step): go(toStep: step)
            case .failure(let problem): setStatus("\(problem)", isError: true)
            }
            return
        }
        let numbers: [Int]
        switch PromptEditor.numbers(in: text, kind: kind) {
        case .success(let parsed): numbers = parsed
        case .failure(let problem):
            setStatus("\(problem)", isError: true)
            return
        }
        switch (kind, numbers.count) {
        case (.goTo, 1): go(to: BatchAddress(epoch: state.address.epoch, batch: numbers[0]))
        case (.goTo, 2): go(to: BatchAddress(epoch: numbers[0], batch: numbers[1]))
        case (.goTo, _): setStatus("type an epoch and a batch, such as 2 15, or a batch of this epoch", isError: true)
        case (.find, 1): find(sample: numbers[0])
        case (.find, _): setStatus("type one sample index", isError: true)
        }
    }

    /// Moves the selection by columns and rows of the grid; past the first or last sample it
    /// steps to the previous or next batch, and with another pane focused ←/→ step batches.
    func moveSelection(dx: Int, dy: Int) {
        guard let batch = current, batch.count > 0 else { return }
        if state.focus == .balance && dy != 0 {
            state.balanceScroll = max(0, state.balanceScroll + dy)
            return
        }
        if state.focus != .grid && dx != 0 && dy == 0 {
            step(forward: dx > 0)
            return
        }
        let columns = max(gridGeometry()?.columns ?? 1, 1)
        let target = state.selection + dx + dy * columns
        if dx < 0 && state.selection == 0 && dy == 0 {
            let before = (state.address, state.slice)
            step(forward: false)
            if (state.address, state.slice) != before { state.selection = max((current?.count ?? 1) - 1, 0) }
        } else if dx > 0 && state.selection == batch.count - 1 && dy == 0 {
            step(forward: true)
            state.selection = 0
        } else {
            state.selection = min(max(target, 0), batch.count - 1)
        }
    }

    /// The next or previous page of the grid within the batch.
    func turnPage(forward: Bool) {
        guard let batch = current, let perPage = gridGeometry()?.perPage, perPage > 0 else { return }
        let page = state.selection / perPage + (forward ? 1 : -1)
        let pages = (batch.count + perPage - 1) / perPage
        guard page >= 0, page < pages else {
            setStatus(forward ? "this is the last page of the batch" : "this is the first page of the batch")
            return
        }
        state.selection = page * perPage
    }

    private func move(to address: BatchAddress, slice: Int) {
        state.address = address
        state.slice = slice
        reload()
        if loadError == nil, current?.preprocessingFailure == nil, !state.running { setStatus("") }
    }
}
