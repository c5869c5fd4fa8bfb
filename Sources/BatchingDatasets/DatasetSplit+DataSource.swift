import Batching

extension DatasetSplit {
    /// An ``ArrayDataSource`` over the images and labels (images only for unlabelled data), the
    /// way BatchUp's examples feed `ds.train_X, ds.train_y` to `ArrayDataSource`.
    ///
    /// With `scalingImages`, `uint8` images are converted once to `float32` in 0…1 (BatchUp's
    /// `train_X`, not `train_X_u8`).
    ///
    /// ```swift
    /// let mnist = try DatasetStore().load(.mnist)
    /// let source = try mnist.train.dataSource(scalingImages: true)
    /// var batches = try source.batches(BatchOptions(batchSize: 64, order: .shuffled(seed: 1)))
    /// while let batch = try batches.next() { _ = batch.columns[0] }   // float32 [64, 1, 28, 28]
    /// ```
    public func dataSource(
        scalingImages: Bool = false, repeats: Int = 1,
        sampler: (any Sampler)? = nil
    ) throws -> ArrayDataSource {
        let x = scalingImages && images.dtype == .uint8 ? images.convertedToFloat32() : images
        return try ArrayDataSource([x] + (labels.map { [$0] } ?? []), repeats: repeats, sampler: sampler)
    }
}
