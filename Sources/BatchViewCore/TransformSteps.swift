import Batching

/// The selected sample as the preprocessing chain makes it, stage by stage: the raw image, then
/// each stage's output, each with the stage's parameters as applied to this sample and its
/// statistics. Computed by replaying the chain (``Preprocessor/steps(_:of:)``) on the batch on
/// screen with the inspector's seed, so the last step is the augmented sample exactly.
struct TransformSteps {
    /// One column of the view: a caption, the stage's parameters for this sample, the image.
    struct Panel {
        var caption: String
        var detail: String
        var image: RawImage
        var statistics: SampleStatistics
        /// On the raw image: the part the stages cut out, in its pixels, when they cut one.
        var cropBox: CropBox?
        /// The sample's label image as this stage leaves it, when the labels are images (masks).
        var labelImage: RawImage?
    }

    /// The sample index and its panels, raw first.
    var sampleIndex: Int
    var panels: [Panel]
    /// Why only the raw panel is shown: the batch's preprocessing failed (it is not called again).
    var failure: String?

    /// The steps of the sample selected in `view`, or a sentence saying why there are none:
    /// replayed once per batch and row (``TransformStepsMemo``), then as they were.
    static func of(_ view: any InspectorView) -> Result<TransformSteps, TransformStepsError> {
        guard let batch = view.current, batch.count > 0 else { return .failure(.noSample) }
        let row = min(view.state.selection, batch.count - 1)
        return batch.transformSteps.steps(row: row) { replay(view, batch, row: row) }
    }

    /// The steps of `row` of `batch`, the chain replayed on it.
    private static func replay(
        _ view: any InspectorView, _ batch: LoadedBatch, row: Int
    ) -> Result<TransformSteps, TransformStepsError> {
        guard let preprocessing = view.dataset.preprocessing, let preprocessor = preprocessing.preprocessor else {
            return .failure(.noPreprocessor)
        }
        let layout = view.dataset.layout
        let rawImage = batch.rawImage(row: row, layout: layout)
        var panels = [
            Panel(
                caption: "raw \(rawImage.width)×\(rawImage.height)", detail: "as read",
                image: rawImage, statistics: Self.statistics(rawImage),
                labelImage: labelImage(batch.labelImages, row))
        ]
        if let failure = batch.preprocessingFailure {
            return .success(TransformSteps(sampleIndex: batch.indices[row], panels: panels, failure: failure.message))
        }
        do {
            // Label images (masks) go through the chain beside the images, as in the pipeline.
            let raw = Batch(
                address: batch.address, indices: batch.indices,
                columns: [batch.images] + (batch.labelImages.map { [$0] } ?? []))
            let steps = try preprocessor.steps(batch.slice, of: try BatchSlice(batch: raw, seed: preprocessing.seed))
            var previous: SampleOrigin?
            for step in steps {
                let image = RawImage(batch: step.output.images, row: row, layout: layout)
                let origin = row < step.output.origin.samples.count ? step.output.origin.samples[row] : nil
                let (caption, detail) = StageDescription.describe(
                    step.stage, origin: origin, before: previous, window: step.output.origin.window)
                panels.append(
                    Panel(
                        caption: caption, detail: detail, image: image, statistics: Self.statistics(image),
                        labelImage: labelImage(step.output.labels, row)))
                previous = origin ?? previous
            }
            if let box = previous?.box, box.width < rawImage.width || box.height < rawImage.height {
                panels[0].cropBox = box
            }
            return .success(TransformSteps(sampleIndex: batch.indices[row], panels: panels, failure: nil))
        } catch {
            return .failure(
                .replayFailed("\(error)", cancelled: (error as? any ExternalStageError)?.isCancellation == true))
        }
    }
}

extension TransformSteps {
    /// Row `row` of `labels` as an image, when the labels are images.
    static func labelImage(_ labels: Tensor?, _ row: Int) -> RawImage? {
        guard let labels, row < labels.rowCount, let layout = ImageLayout.infer(rowShape: labels.rowShape) else {
            return nil
        }
        return RawImage(batch: labels, row: row, layout: layout)
    }

    /// Min, max, mean and NaN/±Inf counts over every value of `image`, all channels together.
    static func statistics(_ image: RawImage) -> SampleStatistics {
        let flat = RawImage(width: image.values.count, height: 1, channels: 1, dtype: image.dtype, values: image.values)
        return SampleStatistics.perChannel(flat)[0]
    }
}

/// Why the transform steps cannot be shown.
enum TransformStepsError: Error, CustomStringConvertible {
    case noSample
    case noPreprocessor
    /// The chain threw `reason`; `cancelled` when a python call was stopped (Esc), which a later
    /// replay may get past.
    case replayFailed(String, cancelled: Bool = false)

    var description: String {
        switch self {
        case .noSample: "no sample to show"
        case .noPreprocessor:
            "no preprocessor: give --preprocess SPEC (e.g. crop:24,flip:h,normalize) to see its stages"
        case .replayFailed(let reason, _): "the stages cannot be replayed: \(reason)"
        }
    }
}
