import Batching

/// Changing how samples are chosen (`s`, `b`): the session asks the stream for the changed
/// configuration, which builds its sampler through the same ``SamplingSpec`` as the command line.
extension InspectorSession {
    /// The samplers `b` cycles through: uniform, balanced (with labels), one per weights dataset.
    public var availableSamplers: [SamplerChoice] {
        [.uniform] + (labels == nil ? [] : [.balanced]) + dataset.weightDatasets.map { .weights(dataset: $0) }
    }

    /// Shuffling off, or back on as the session started (exact or by chunks).
    func toggleShuffle() {
        if configuration.sampler.drawsWithReplacement {
            setStatus("the \(configuration.sampler) sampler draws at random, so shuffling stays on", isError: true)
            return
        }
        let on = order.shuffleWhenOn
        if reconfigure({ $0.sampling.shuffle = $0.sampling.shuffle == .off ? on : .off }), loadError == nil {
            setStatus(
                configuration.shuffle ? "shuffle on (seed \(configuration.sampling.seed))" : "shuffle off: in order")
        }
    }

    /// The next sampler of ``availableSamplers``; a drawing one turns shuffling on.
    func cycleSampler() {
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
        let on = order.shuffleWhenOn
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
}
