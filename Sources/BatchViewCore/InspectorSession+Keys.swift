import Batching

extension InspectorSession {
    /// Applies one key; returns `false` when the key asks to quit.
    @discardableResult
    public func handle(_ key: Key) -> Bool {
        if key == .resize { return true }
        if key == .controlC { return false }
        if state.overlay == .help, key != .character("q") { return handleHelp(key) }
        // Below the minimum size only the help and quitting work: nothing else could be seen.
        if !InspectorLayout.fits(width: screenSize.width, height: screenSize.height) {
            if key == .character("?"), HelpOverlay.fits(width: screenSize.width, height: screenSize.height) {
                perform(.help)
            }
            return key != .character("q")
        }
        if case .prompt(let kind, let text) = state.overlay { return handlePrompt(key, kind: kind, text: text) }
        guard let action = keyMap.action(for: key) else {
            setStatus("\(key) does nothing here; ? shows the keys")
            return true
        }
        if state.running, Self.navigates(action) { pause() }
        return perform(action)
    }

    /// Carries out `action`; returns `false` for ``InspectorAction/quit``.
    @discardableResult
    public func perform(_ action: InspectorAction) -> Bool {
        switch action {
        case .quit: return false
        case .nextBatch: step(forward: true)
        case .previousBatch: step(forward: false)
        case .nextEpoch: go(to: BatchAddress(epoch: state.address.epoch + 1, batch: 0))
        case .previousEpoch:
            if state.address.epoch == 0 {
                setStatus("already at epoch 0")
            } else {
                go(to: BatchAddress(epoch: state.address.epoch - 1, batch: 0))
            }
        case .promptGoTo: state.overlay = .prompt(.goTo, text: "")
        case .promptFind: state.overlay = .prompt(.find, text: "")
        case .moveSelection(let dx, let dy): moveSelection(dx: dx, dy: dy)
        case .nextPage, .previousPage: turnPage(forward: action == .nextPage)
        case .openDetail: state.overlay = state.overlay == .detail ? nil : .detail
        case .toggleAugmented:
            state.showAugmented.toggle()
            setStatus(
                dataset.preprocessing == nil
                    ? "no preprocessor: raw and augmented are the same"
                    : state.showAugmented ? "showing augmented samples" : "showing raw samples")
        case .toggleShuffle: toggleShuffle()
        case .cycleSampler: cycleSampler()
        case .toggleRun: state.running ? pause() : run()
        case .zoomIn: zoomIn()
        case .zoomOut: state.zoom = max(state.zoom - 1, 0)
        case .cycleColor:
            state.colorMode = state.colorMode.next(upTo: state.bestColorMode)
            setStatus("colour: \(state.colorMode.label)")
        case .toggleScaling:
            state.scaling = state.scaling == .fixed ? .stretch : .fixed
            setStatus(state.scaling == .fixed ? "pixels as stored, clipped to [0, 1]" : "each image stretched min–max")
        case .nextChannel: nextChannel()
        case .focusNext, .focusPrevious: moveFocus(forward: action == .focusNext)
        case .togglePane(let number): togglePane(number)
        case .help:
            state.overlay = state.overlay == .help ? nil : .help
            state.helpPage = 0
        case .closeOverlay: state.overlay = nil
        }
        return true
    }

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
            if let problem = addressProblem(batch.address) {
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
                meter.record(batch.timing, running: true)
                recordMemory(since: memory)
            }
        } catch {
            pause()
            setStatus("\(error)", isError: true)
        }
    }

    /// Starts running: the prefetch pipeline from the batch after this one.
    func run() {
        state.running = true
        // A whole file is a large batch: one worker reads one file ahead (its threads per file
        // share the reading), instead of 2 workers and 4 batches held ahead.
        let files = dataset.fileBatches != nil
        do {
            pipelineRun = try PipelineRun(
                source: loader.source, options: loader.options,
                start: nextAddress(after: state.address), preprocessing: dataset.preprocessing,
                workers: files ? 1 : 2, buffer: files ? 1 : 4)
            setStatus(
                files
                    ? "running through the prefetch pipeline (1 worker, one file ahead; r pauses)"
                    : "running through the prefetch pipeline (2 workers; r pauses)")
        } catch {
            pipelineRun = nil
            setStatus("running batch by batch (the prefetch pipeline could not start: \(error))")
        }
    }

    /// Stops running and the pipeline's workers.
    func pause() {
        state.running = false
        pipelineRun = nil
        setStatus("paused")
    }

    /// Whether `action` moves to another batch (and so pauses a run).
    static func navigates(_ action: InspectorAction) -> Bool {
        switch action {
        case .nextBatch, .previousBatch, .nextEpoch, .previousEpoch, .promptGoTo, .promptFind, .cycleSampler,
            .toggleShuffle:
            true
        default: false
        }
    }

    /// The next or previous slice, batch or epoch.
    func step(forward: Bool) {
        if forward {
            if let batch = current, state.slice + 1 < batch.sliceCount {
                state.slice += 1
                reload()
                return
            }
            var next = BatchAddress(epoch: state.address.epoch, batch: state.address.batch + 1)
            if let count = batchCount, next.batch >= count { next = BatchAddress(epoch: next.epoch + 1, batch: 0) }
            if let problem = addressProblem(next) {
                if state.running { pause() }
                setStatus(
                    epochLimit != nil && next.epoch >= epochLimit!
                        ? "this is the last batch of the last epoch (--epochs \(epochLimit!))" : problem,
                    isError: epochLimit == nil)
                return
            }
            move(to: next, slice: 0)
        } else {
            if state.slice > 0 {
                state.slice -= 1
                reload()
                return
            }
            var previous = BatchAddress(epoch: state.address.epoch, batch: state.address.batch - 1)
            if previous.batch < 0 {
                guard previous.epoch > 0, let count = batchCount, count > 0 else {
                    setStatus("this is the first batch")
                    return
                }
                previous = BatchAddress(epoch: previous.epoch - 1, batch: count - 1)
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
        if let problem = addressProblem(address) {
            setStatus(problem, isError: true)
            return
        }
        move(to: address, slice: 0)
    }

    /// Why `address` cannot be shown although it exists in principle: its stream position does
    /// not fit in an integer (a typed epoch such as 99999999999999999), or it lies past the last
    /// epoch of `--epochs`; `nil` when it can be shown.
    func addressProblem(_ address: BatchAddress) -> String? {
        if let last = epochLimit, address.epoch >= last {
            return "epoch \(address.epoch) is past the last epoch (--epochs \(last) ends at epoch \(last - 1))"
        }
        let limit = Int.max / 4
        let perEpoch = stream.positionsPerEpoch ?? 0
        let (nextEpoch, o1) = address.epoch.addingReportingOverflow(1)
        let (epochEnd, o2) = perEpoch.multipliedReportingOverflow(by: nextEpoch)
        if o1 || o2 || epochEnd > limit { return "epoch \(address.epoch) is out of range" }
        let (batchEnd, o3) = address.batch.addingReportingOverflow(1)
        let (inEpoch, o4) = stream.largestBatch.multipliedReportingOverflow(by: batchEnd)
        let (position, o5) = inEpoch.addingReportingOverflow(epochEnd)
        if o3 || o4 || o5 || position > limit { return "batch \(address.batch) is out of range" }
        return nil
    }

    private func move(to address: BatchAddress, slice: Int) {
        state.address = address
        state.slice = slice
        reload()
        if loadError == nil, !state.running { setStatus("") }
    }

    private func moveSelection(dx: Int, dy: Int) {
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

    private func turnPage(forward: Bool) {
        guard let batch = current, let perPage = gridGeometry()?.perPage, perPage > 0 else { return }
        let page = state.selection / perPage + (forward ? 1 : -1)
        let pages = (batch.count + perPage - 1) / perPage
        guard page >= 0, page < pages else {
            setStatus(forward ? "this is the last page of the batch" : "this is the first page of the batch")
            return
        }
        state.selection = page * perPage
    }

    private func toggleShuffle() {
        if configuration.sampler.drawsWithReplacement {
            setStatus("the \(configuration.sampler) sampler draws at random, so shuffling stays on", isError: true)
            return
        }
        let on = shuffleWhenOn
        if reconfigure({ $0.sampling.shuffle = $0.sampling.shuffle == .off ? on : .off }), loadError == nil {
            setStatus(
                configuration.shuffle ? "shuffle on (seed \(configuration.sampling.seed))" : "shuffle off: in order")
        }
    }

    /// The samplers `b` cycles through: uniform, balanced (with labels), one per weights dataset.
    public var availableSamplers: [SamplerChoice] {
        [.uniform] + (labels == nil ? [] : [.balanced]) + dataset.weightDatasets.map { .weights(dataset: $0) }
    }

    private func cycleSampler() {
        if dataset.fileBatches != nil {
            setStatus("each batch is a whole file, so there is no sampler to switch (s shuffles the file order)")
            return
        }
        let choices = availableSamplers
        let here = choices.firstIndex(of: configuration.sampler) ?? 0
        let next = choices[(here + 1) % choices.count]
        if next == configuration.sampler {
            setStatus("\(dataset.name) offers only the uniform sampler (no labels or weights datasets)")
            return
        }
        let wasShuffled = configuration.shuffle
        let on = shuffleWhenOn
        let changed = reconfigure {
            $0.sampling.sampler = next
            if next.drawsWithReplacement && $0.sampling.shuffle == .off { $0.sampling.shuffle = on }
        }
        if changed, loadError == nil {
            setStatus(
                "sampler: \(configuration.sampler)"
                    + (!wasShuffled && configuration.shuffle ? " (draws at random, so shuffle is on)" : ""))
        }
    }

    /// One zoom level up, unless the previews would grow no larger there (one sample already
    /// fills the pane), so that `-` always shrinks them at once.
    private func zoomIn() {
        let next = state.zoom + 1
        guard next < InspectorState.zoomLevels.count else {
            setStatus("this is the largest zoom")
            return
        }
        if let here = gridGeometry(), let there = gridGeometry(zoom: next), there.previewWidth <= here.previewWidth {
            setStatus("this is the largest zoom at which a sample fits the pane")
            return
        }
        state.zoom = next
    }

    private func nextChannel() {
        guard let channels = current.map({ RawImage(batch: $0.images, row: 0, layout: dataset.layout).channels }),
            channels != 1, channels != 3
        else {
            setStatus(
                "the images have \(current.map { RawImage(batch: $0.images, row: 0, layout: dataset.layout).channels } ?? 0) channel(s); all are shown"
            )
            return
        }
        state.channel = (state.channel + 1) % channels
        setStatus("channel \(state.channel) of \(channels)")
    }

    private func moveFocus(forward: Bool) {
        let visible = PaneID.allCases.filter { state.visiblePanes.contains($0) }
        guard !visible.isEmpty else { return }
        let here = visible.firstIndex(of: state.focus) ?? 0
        state.focus = visible[(here + (forward ? 1 : visible.count - 1)) % visible.count]
    }

    private func togglePane(_ number: Int) {
        guard let pane = PaneID(rawValue: number) else { return }
        if state.visiblePanes.contains(pane) {
            state.visiblePanes.remove(pane)
            if state.focus == pane { moveFocus(forward: true) }
        } else {
            state.visiblePanes.insert(pane)
        }
    }

    /// A key while the help overlay is open: Space, →, ↓, n, PgDn turn to the next page (closing
    /// after the last), ←, ↑, p, PgUp to the previous one, when there are several; any other key
    /// closes it.
    private func handleHelp(_ key: Key) -> Bool {
        let pages =
            HelpOverlay.fits(width: screenSize.width, height: screenSize.height) ? HelpOverlay.pageCount(self) : 1
        if pages > 1 {
            switch key {
            case .character(" "), .character("n"), .character("j"), .right, .down, .pageDown:
                if state.helpPage + 1 < pages {
                    state.helpPage += 1
                    return true
                }
            case .character("p"), .character("k"), .left, .up, .pageUp:
                state.helpPage = max(min(state.helpPage, pages - 1) - 1, 0)
                return true
            default: break
            }
        }
        state.overlay = nil
        state.helpPage = 0
        return true
    }

    private func handlePrompt(_ key: Key, kind: PromptKind, text: String) -> Bool {
        switch key {
        case .escape: state.overlay = nil
        case .backspace: state.overlay = .prompt(kind, text: String(text.dropLast()))
        case .enter:
            state.overlay = nil
            submit(kind, text: text)
        case .character(let c) where c.isNumber || c == " " || c == ":" || c == "," || c == "-":
            state.overlay = .prompt(kind, text: text + String(c))
        case .character(let c) where c == "q" && text.isEmpty: state.overlay = nil
        default: break
        }
        return true
    }

    private func submit(_ kind: PromptKind, text: String) {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "," }).map(String.init)
        let roles = kind == .find ? ["sample"] : tokens.count == 2 ? ["epoch", "batch"] : ["batch"]
        var numbers = [Int]()
        for (position, token) in tokens.enumerated() {
            let role = position < roles.count ? roles[position] : "number"
            if token.hasPrefix("-") {
                setStatus("\(role) \(token) is negative; type a number ≥ 0", isError: true)
                return
            }
            guard token.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                setStatus("\(token) is not a number; type digits 0–9", isError: true)
                return
            }
            guard let number = Int(token) else {
                setStatus("\(role) \(token) is out of range", isError: true)
                return
            }
            numbers.append(number)
        }
        switch kind {
        case .goTo:
            switch numbers.count {
            case 1: go(to: BatchAddress(epoch: state.address.epoch, batch: numbers[0]))
            case 2: go(to: BatchAddress(epoch: numbers[0], batch: numbers[1]))
            default: setStatus("type an epoch and a batch, such as 2 15, or a batch of this epoch", isError: true)
            }
        case .find:
            guard numbers.count == 1 else {
                setStatus("type one sample index", isError: true)
                return
            }
            find(sample: numbers[0])
        }
    }

    /// Moves to the first batch of this epoch that holds sample `index` and selects it.
    public func find(sample index: Int) {
        guard index >= 0, index < dataset.sampleCount else {
            setStatus("\(BatchingError.indexOutOfRange(index: index, count: dataset.sampleCount))", isError: true)
            return
        }
        let epoch = state.address.epoch
        let limit = batchCount ?? 100_000
        var hits = [(batch: Int, row: Int)]()
        for batch in 0..<limit {
            guard let indices = try? stream.indices(epoch: epoch, batch: batch) else { break }
            for (row, sample) in indices.enumerated() where sample == index { hits.append((batch, row)) }
        }
        guard let first = hits.first else {
            setStatus("sample \(index) is not drawn in epoch \(epoch) (\(configuration.sampler) sampler)")
            return
        }
        move(to: BatchAddress(epoch: epoch, batch: first.batch), slice: 0)
        state.selection = first.row
        let more = hits.count > 1 ? " (drawn \(hits.count) times this epoch)" : ""
        setStatus("sample \(index) is in batch \(first.batch), row \(first.row) of epoch \(epoch)\(more)")
    }
}
