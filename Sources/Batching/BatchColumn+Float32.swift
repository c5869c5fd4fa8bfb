extension BatchColumn {
    /// Writes the rows at `indices`, in that order, converted to `float32` as
    /// ``Tensor/convertedToFloat32(scalingBytesInto:threads:)`` converts them (`uint8` scaled from
    /// [0, 255] into `range`, every other type value for value), into `destination`: a `float32`
    /// tensor of shape `[indices.count] + rowShape` (a pooled buffer from an earlier batch).
    ///
    /// The result is the same bytes as ``gatherRows(_:into:)`` followed by
    /// ``Tensor/convertToFloat32(into:scalingBytesInto:threads:)``, in one trip through memory.
    /// `uint8` rows that lie in memory (``RowBytesInMemory``: a tensor's, or a contiguous
    /// dataset's in its file mapping) are converted straight from where they lie while the
    /// next few rows are prefetched (without the prefetch, the conversion's loads leave the
    /// memory latency of randomly placed rows exposed: half the speed of a copy). Any other
    /// column's rows are gathered a few at a time into a buffer small enough to stay in the
    /// level-1 cache and converted from there. Either way no batch-sized copy of the source rows
    /// is written and read back.
    ///
    /// ```swift
    /// var floats = Tensor(zeros: .float32, shape: [128, 28, 28])
    /// try images.gatherRowsAsFloat32(indices, into: &floats)   // uint8 rows → x / 255
    /// ```
    ///
    /// - Throws: ``BatchingError/indexOutOfRange(index:count:)`` when an index is negative or not
    ///   below ``rowCount``, and whatever the column's ``gatherRows(_:into:)`` throws.
    public func gatherRowsAsFloat32(
        _ indices: [Int], into destination: inout Tensor, scalingBytesInto range: ClosedRange<Float> = 0...1
    ) throws {
        precondition(
            destination.dtype == .float32 && destination.shape == [indices.count] + rowShape,
            "float32 destination \(destination.shape) does not fit \(indices.count) rows of \(rowShape)")
        try BatchingError.checkIndices(indices, count: rowCount)
        if dtype == .uint8, let inMemory = self as? any RowBytesInMemory,
            inMemory.withRowBytes({ base in
                Self.gatherByteRows(base, rowBytes: rowShape.reduce(1, *), indices, into: &destination, range)
            }) != nil
        {
            return
        }
        try gatherRowsInGroupsAsFloat32(indices, into: &destination, scalingBytesInto: range)
    }

    /// Whether ``gatherRowsAsFloat32(_:into:scalingBytesInto:)`` converts this column's rows
    /// straight from memory in one pass (`uint8` rows ``RowBytesInMemory`` has in memory: a
    /// tensor's, or a file mapping's) rather than through a small staging copy.
    public var convertsRowsInOnePass: Bool {
        guard dtype == .uint8 else { return false }
        return (self as? any RowBytesInMemory)?.withRowBytes({ _ in true }) ?? false
    }

    /// The rows at `indices` (checked) of the byte table at `base` converted straight from where
    /// they lie, with the next rows prefetched meanwhile (`CConvert`'s gather): no staging copy.
    private static func gatherByteRows(
        _ base: UnsafeRawPointer, rowBytes: Int, _ indices: [Int], into destination: inout Tensor,
        _ range: ClosedRange<Float>
    ) {
        destination.withUnsafeMutableBufferPointer(of: Float.self) { out in
            guard let out = out.baseAddress else { return }
            _ByteScale.gatherRows(
                base.assumingMemoryBound(to: UInt8.self), rowBytes: rowBytes, indices: indices, into: out,
                width: range.upperBound - range.lowerBound, offset: range.lowerBound)
        }
    }

    /// The rows gathered `_Float32Staging.rowsPerGroup(bytesPerRow:)` at a time into one small tensor, each
    /// group converted into its place in `destination` while it is still in the cache.
    private func gatherRowsInGroupsAsFloat32(
        _ indices: [Int], into destination: inout Tensor, scalingBytesInto range: ClosedRange<Float>
    ) throws {
        let rowElements = rowShape.reduce(1, *)
        let groupRows = _Float32Staging.rowsPerGroup(bytesPerRow: rowElements * dtype.byteWidth)
        let dtype = self.dtype
        var staging = Tensor(uninitialized: dtype, shape: [min(groupRows, indices.count)] + rowShape)
        try destination.withUnsafeMutableBufferPointer(of: Float.self) { out in
            guard let out = out.baseAddress else { return }
            for start in stride(from: 0, to: indices.count, by: groupRows) {
                let end = min(start + groupRows, indices.count)
                if staging.rowCount != end - start {
                    staging = Tensor(uninitialized: dtype, shape: [end - start] + rowShape)
                }
                try gatherRows(Array(indices[start..<end]), into: &staging)
                dtype.convertToFloat32(
                    UnsafeRawPointer(staging.storage.bytes), into: out + start * rowElements,
                    count: (end - start) * rowElements, scalingBytesInto: range)
            }
        }
    }
}

extension Tensor: RowBytesInMemory {
    /// A tensor's rows always lie in its storage, one after another.
    public func withRowBytes<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R? {
        try body(UnsafeRawPointer(storage.bytes))
    }
}

/// How many rows a column that is not in memory gathers at a time before they are converted.
enum _Float32Staging {
    /// Bytes of source rows gathered at a time: half of a typical 32 KiB level-1 data cache.
    static let groupBytes = 16 << 10

    /// Rows of `bytesPerRow` bytes that fit in ``groupBytes`` (at least 1).
    static func rowsPerGroup(bytesPerRow: Int) -> Int { max(1, groupBytes / max(bytesPerRow, 1)) }
}
