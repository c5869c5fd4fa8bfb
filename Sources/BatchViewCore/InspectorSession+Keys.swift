import Batching

extension InspectorSession {
    /// Applies one key; returns `false` when the key asks to quit.
    ///
    /// An open overlay takes the keys it reads (the help's pages, a prompt's text); every other
    /// key is mapped to an action by the ``keyMap`` and handed to ``perform(_:)``.
    @discardableResult
    public func handle(_ key: Key) -> Bool {
        if key == .resize { return true }
        if key == .controlC { return false }
        if state.overlay == .help, key != .character("q") {
            state.turnHelpPage(after: key, pageCount: helpPageCount)
            return true
        }
        // Below the minimum size only the help and quitting work: nothing else could be seen.
        if !InspectorLayout.fits(width: screenSize.width, height: screenSize.height) {
            if key == .character("?"), HelpOverlay.fits(width: screenSize.width, height: screenSize.height) {
                perform(.help)
            }
            return key != .character("q")
        }
        if handleCoverageKey(key) { return true }
        if case .prompt(let kind, let text) = state.overlay {
            switch PromptEditor.edit(text, with: key) {
            case .editing(let edited): state.overlay = .prompt(kind, text: edited)
            case .cancelled: state.overlay = nil
            case .submitted:
                state.overlay = nil
                submit(kind, text: text)
            }
            return true
        }
        guard let action = keyMap.action(for: key) else {
            setStatus("\(key) does nothing here; ? shows the keys")
            return true
        }
        if state.running, Self.navigates(action) { pause() }
        return perform(action)
    }

    /// Carries out `action` by handing it to the part that owns it: moving through the stream,
    /// changing the sampling, running, or the view state; returns `false` for
    /// ``InspectorAction/quit``.
    @discardableResult
    public func perform(_ action: InspectorAction) -> Bool {
        if let refusal = forwardOnlyRefusal(action) {
            setStatus(refusal, isError: true)
            return true
        }
        switch action {
        case .quit: return false
        case .nextBatch: step(forward: true)
        case .previousBatch: step(forward: false)
        case .nextEpoch: go(to: BatchAddress(epoch: state.address.epoch + 1, batch: 0))
        case .previousEpoch:
            if state.address.epoch == 0 {
                setStatus(hasNoEpochs ? Self.noEpochs : "already at epoch 0")
            } else {
                go(to: BatchAddress(epoch: state.address.epoch - 1, batch: 0))
            }
        case .moveSelection(let dx, let dy): moveSelection(dx: dx, dy: dy)
        case .nextPage, .previousPage: turnPage(forward: action == .nextPage)
        case .toggleShuffle: toggleShuffle()
        case .cycleSampler: cycleSampler()
        case .toggleRun: state.running ? pause() : run()
        case .zoomIn: zoomIn()
        case .nextChannel: nextChannel()
        case .copyResumeToken: copyResumeToken()
        case .checkReplay: startReplayCheck()
        default:
            if let message = state.apply(action, hasPreprocessing: dataset.preprocessing != nil) {
                setStatus(message)
            }
            if action == .toggleAugmented, state.showAugmented, let failure = current?.preprocessingFailure {
                setStatus(
                    "this batch has no augmented samples, its raw ones are shown: \(failure.message)", isError: true)
            }
        }
        return true
    }

    /// The number of help pages on the last screen drawn.
    var helpPageCount: Int {
        HelpOverlay.fits(width: screenSize.width, height: screenSize.height) ? HelpOverlay.pageCount(self) : 1
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

    /// The next channel of images with other than 1 or 3 channels.
    private func nextChannel() {
        let channels = current.map { $0.channelCount(layout: dataset.layout) }
        guard let channels, channels != 1, channels != 3 else {
            setStatus("the images have \(channels ?? 0) channel(s); all are shown")
            return
        }
        state.channel = (state.channel + 1) % channels
        setStatus("channel \(state.channel) of \(channels)")
    }
}
