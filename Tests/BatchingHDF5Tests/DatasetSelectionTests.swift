import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

struct DatasetSelectionTests {
    @Test(arguments: [
        ("mnist_small.h5", "images", "labels", ChannelLayout.nhw),
        ("rgb_chunked_gzip.h5", "train/images", "train/labels", .nhwc),
        ("nchw_float.h5", "x", "y", .nchw),
        ("imbalanced.h5", "images", "labels", .nhwc),
        ("timeseries.h5", "x", "y", .ntc),
    ])
    func picksTheFixtures(name: String, images: String, labels: String, layout: ChannelLayout) throws {
        let pick = try DatasetSelection.pick(in: HDF5File(path: FixturePaths.fixture(name)))
        #expect(pick.images == images && pick.labels == labels && pick.layout == layout)
        #expect(pick.reasons.count >= 3)
    }

    @Test func classNamesFromAGroupAttribute() throws {
        let pick = try DatasetSelection.pick(in: HDF5File(path: FixturePaths.fixture("rgb_chunked_gzip.h5")))
        #expect(pick.classNames == ["circle", "square", "triangle", "star", "ring"])
        #expect(pick.classNamesSource == "train@class_names")
    }

    @Test func overridesWin() throws {
        let file = try HDF5File(path: FixturePaths.fixture("nchw_float.h5"))
        let pick = try DatasetSelection.pick(in: file, images: "/x", labels: "y", layout: .nhwc)
        #expect(pick.images == "x" && pick.layout == .nhwc && pick.reasons.contains { $0.contains("--layout") })
        #expect(throws: HDF5Error.self) { try DatasetSelection.pick(in: file, layout: .nhw) }
        #expect {
            try DatasetSelection.pick(in: file, images: "pixels")
        } throws: { error in
            "\(error)".contains("no dataset \"pixels\"") && "\(error)".contains("x, y")
        }
    }

    @Test func unusualNamesOneHotLabelsAndNesting() throws {
        let folder = try FixturePaths.temporaryDirectory("pick")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("odd.h5").path
        let writer = try HDF5Writer(creating: path)
        try writer.write(Tensor(zeros: .float32, shape: [10, 4]), to: "meta/weights_table") // not the images: smaller
        try writer.write(Tensor(zeros: .uint8, shape: [10, 16, 16, 3]), to: "deep/nested/pics")
        try writer.write(Tensor(zeros: .float32, shape: [10, 5]), to: "deep/nested/onehot")
        try writer.write(Tensor(zeros: .int32, shape: [7]), to: "other")
        try writer.close()
        let pick = try DatasetSelection.pick(in: HDF5File(path: path))
        #expect(pick.images == "deep/nested/pics")
        #expect(pick.labels == "deep/nested/onehot") // same group as the images wins
        #expect(pick.layout == .nhwc)
    }

    @Test func inferredLayouts() {
        #expect(ChannelLayout.infer(rowShape: [28, 28]).layout == .nhw)
        #expect(ChannelLayout.infer(rowShape: [32, 32, 3]).layout == .nhwc)
        #expect(ChannelLayout.infer(rowShape: [3, 16, 16]).layout == .nchw)
        #expect(ChannelLayout.infer(rowShape: [200, 3]).layout == .ntc)
        #expect(ChannelLayout.infer(rowShape: [64]).layout == .flat)
        let geometry = ChannelLayout.nchw.geometry(rowShape: [3, 16, 8])
        #expect(geometry.height == 16 && geometry.width == 8 && geometry.channels == 3)
    }
}
