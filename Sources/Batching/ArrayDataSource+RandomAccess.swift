extension ArrayDataSource: RandomAccessDataSource {
    public func samples(at selection: SampleSelection, mapped: Bool) throws -> Batch {
        var indices = try selection.rowIndices(for: "an array data source")
        if mapped, let subset = (sampler as? SubsetSampler)?.subset {
            try BatchingError.checkIndices(indices, count: subset.count)
            indices = indices.map { subset[$0] }
        }
        return Batch(address: .randomAccess, indices: indices, columns: try gatheredColumns(at: indices))
    }
}
