/// A data source that can write a batch into the buffers of a batch it returned before, instead
/// of allocating new ones: the prefetch pipeline's pool hands used batches back this way.
///
/// Writing is safe whoever else still holds the old batch: tensors copy themselves before a
/// write when their storage is shared (copy on write), so reuse only happens when nobody looks.
public protocol BufferReusingDataSource: DataSource {
    /// The batch at `address`, written into `buffers` where its tensors fit (left holding the
    /// batch; a fresh batch when `buffers` is `nil` or does not fit).
    func batch(at address: BatchAddress, _ options: BatchOptions, reusing buffers: inout Batch?) throws
}

extension ArrayDataSource: BufferReusingDataSource {
    public func batch(at address: BatchAddress, _ options: BatchOptions, reusing buffers: inout Batch?) throws {
        let indices = try plan(options).indices(epoch: address.epoch, batch: address.batch)
        let expectedColumns = columns.count + (includeIndices ? 1 : 0)
        guard var batch = buffers.take(), batch.columns.count == expectedColumns else {
            buffers = Batch(address: address, indices: indices, columns: try gatheredColumns(at: indices))
            return
        }
        try BatchingError.checkIndices(indices, count: sampleCount)
        var position = 0
        if includeIndices {
            batch.columns[0] = Tensor(indices.map(Int64.init))
            position = 1
        }
        for column in columns {
            let fits =
                batch.columns[position].dtype == column.dtype
                && batch.columns[position].shape == [indices.count] + column.rowShape
            if fits {
                try column.gatherRows(indices, into: &batch.columns[position])
            } else {
                batch.columns[position] = try column.gatherRows(indices)
            }
            position += 1
        }
        batch.address = address
        batch.indices = indices
        batch.members = []
        batch.chosenMember = nil
        buffers = batch
    }
}
