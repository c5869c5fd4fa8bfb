import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// `batchview order` and the inspector (`frame`, and the inspector itself without a terminal)
/// build their sampler through the same ``SamplingSpec``: the same flags give the same batches,
/// and the same mistake the same sentence and exit status.
@Suite struct SamplingAgreementTests {
    /// A file of 16 images of 8×8 with labels and a weights dataset of the wrong length, and one
    /// without labels, both contiguous, in a fresh temporary folder.
    static func files() throws -> (labelled: String, unlabelled: String, folder: URL) {
        let folder = try FixturePaths.temporaryDirectory("sampling-agreement")
        let images = Tensor(shape: [16, 8, 8], scalars: (0..<(16 * 64)).map { UInt8($0 % 251) })
        let labelled = folder.appendingPathComponent("labelled.h5").path
        let writer = try HDF5Writer(creating: labelled)
        try writer.write(images, to: "images")
        try writer.write(Tensor((0..<16).map { Int64($0 % 4) }), to: "labels")
        try writer.write(Tensor((0..<10).map { Double($0) }), to: "short_weights")
        try writer.close()
        let unlabelled = folder.appendingPathComponent("unlabelled.h5").path
        let other = try HDF5Writer(creating: unlabelled)
        try other.write(images, to: "images")
        try other.close()
        return (labelled, unlabelled, folder)
    }

    @Test(arguments: [["frame"], []])
    func aBadChoiceGetsOrdersSentence(command: [String]) throws {
        let (labelled, unlabelled, folder) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(path: String, flags: [String], sentence: String)] = [
            (labelled, ["--sampler", "balanced"], "cannot iterate in order"),
            (labelled, ["--subset", "0:100"], "reaches past the data, which has 16 samples"),
            (
                labelled, ["--sampler", "weights:short_weights", "--shuffle"],
                "the weights dataset short_weights has 10 values but the data has 16 samples"
            ),
            (unlabelled, ["--sampler", "balanced", "--shuffle"], "--sampler balanced needs labels, but"),
            (labelled, ["--shuffle", "chunks"], "--shuffle chunks needs samples stored in chunks"),
        ]
        for (path, flags, sentence) in cases {
            let order = try InspectorBinary.run(["order", path] + flags)
            #expect(order.status == 1)
            #expect(order.error.contains(sentence), "\(flags): \(order.error)")
            let inspector = try InspectorBinary.run(command + [path] + flags)
            #expect(inspector.status == order.status, "\(flags)")
            #expect(inspector.error == order.error, "\(flags)")
            #expect(inspector.output.isEmpty)
        }
    }
}
