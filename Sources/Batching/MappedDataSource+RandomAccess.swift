extension MappedDataSource: RandomAccessDataSource {
    public var isRandomAccess: Bool { (base as? any RandomAccessDataSource)?.isRandomAccess ?? false }

    /// The base's samples at `selection`, passed through the transform (BatchUp's
    /// `MapDataSource.samples_by_indices`).
    public func samples(at selection: SampleSelection, mapped: Bool) throws -> Batch {
        try transform(try randomAccess(base, "the mapped source's base").samples(at: selection, mapped: mapped))
    }
}
