/// How many samples each kind of source holds (BatchUp's `num_samples()`), decided here for all
/// of them so that the combining rules of composites and choices sit side by side.
extension DataSource {
    /// A source that cannot tell: ``SampleCount/unknown``.
    public func sampleCount(_ options: BatchOptions) throws -> SampleCount { .unknown }
}

extension SampleCount {
    /// The count of `positions` positions per epoch, `nil` meaning an endless epoch.
    init(positionsPerEpoch positions: Int?) {
        self = positions.map(SampleCount.finite) ?? .infinite
    }

    /// The shortest of `counts` (BatchUp's composite `min`): an infinite count never is, and an
    /// unknown one makes the result unknown.
    static func shortest(of counts: [SampleCount]) -> SampleCount {
        var finite: [Int] = []
        for count in counts {
            switch count {
            case .unknown: return .unknown
            case .finite(let value): finite.append(value)
            case .infinite: break
            }
        }
        return finite.min().map(SampleCount.finite) ?? .infinite
    }

    /// The sum of `counts` (BatchUp's choice `sum`): infinite when one is, unknown when one is
    /// unknown and none infinite. BatchUp counts an unknown member as 0, which undercounts.
    static func total(of counts: [SampleCount]) -> SampleCount {
        if counts.contains(.infinite) { return .infinite }
        var sum = 0
        for count in counts {
            guard case .finite(let value) = count else { return .unknown }
            sum += value
        }
        return .finite(sum)
    }
}

extension ArrayDataSource {
    /// The positions of one epoch: the sampler's samples times the repeats (BatchUp's
    /// `num_indices_generated`); infinite with `repeats: -1`. A drawing sampler's epoch is its
    /// draws, rounded up to whole batches.
    public func sampleCount(_ options: BatchOptions) throws -> SampleCount {
        SampleCount(positionsPerEpoch: try plan(options).positionsPerEpoch)
    }
}

extension CompositeDataSource {
    /// The shortest member's count, as BatchUp's `min`, the members' batches trimmed to it
    /// (members of different finite lengths are refused as ``batchCount(_:)`` refuses them,
    /// unless `lengths: .stopAtShortest`).
    public func sampleCount(_ options: BatchOptions) throws -> SampleCount {
        _ = try batchCount(options)
        return SampleCount.shortest(
            of: try members.indices.map { try members[$0].sampleCount(memberOptions(options, member: $0)) })
    }
}

extension ChoiceDataSource {
    /// The members' counts summed, as BatchUp's: every sample the choice draws on (an
    /// unstratified epoch may end before the longer members' last batches).
    public func sampleCount(_ options: BatchOptions) throws -> SampleCount {
        SampleCount.total(of: try members.indices.map { try members[$0].sampleCount(options.forMember($0)) })
    }
}

extension MappedDataSource {
    /// The mapped source's count: a transform keeps the batches' samples.
    public func sampleCount(_ options: BatchOptions) throws -> SampleCount { try base.sampleCount(options) }
}

extension CachedSequentialDataSource {
    /// The forward-only source's count under the options it is read with.
    public func sampleCount(_ options: BatchOptions) throws -> SampleCount {
        try source.sampleCount(self.options)
    }
}
