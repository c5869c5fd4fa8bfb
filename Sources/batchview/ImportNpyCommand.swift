import ArgumentParser
import Batching
import BatchingHDF5
import Foundation

/// `batchview import npy IMAGES.npy [LABELS.npy] -o OUT.h5`: NumPy arrays into an HDF5 file
/// with datasets `images` and `labels` (and a `class_names` attribute on the root).
struct ImportNpyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "npy",
        abstract: "Write NumPy .npy arrays as datasets `images` and `labels` of an HDF5 file.",
        discussion: "Example: batchview import npy x.npy y.npy -o digits.h5 --class-names zero,one,two --gzip 4"
    )

    @Argument(help: "The images array (.npy), samples on the first axis.")
    var imagesPath: String

    @Argument(help: "The labels array (.npy), one value per sample.")
    var labelsPath: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "The HDF5 file to write (replaced if it exists).")
    var output: String

    @Option(
        help: ArgumentHelp(
            "Class names, comma-separated, in class-index order, stored as the root attribute class_names. Give at least one name per class (the largest label + 1, or the one-hot columns); more names are fine, for classes that do not occur in these labels.",
            valueName: "a,b,…"))
    var classNames: String?

    @Option(help: "Samples per chunk when compressing (default: about 64 KiB of images per chunk).")
    var chunkRows: Int?

    @Option(help: "gzip level 1–9 for the images (chunked, with the shuffle filter); 0 stores them uncompressed.")
    var gzip: Int = 4

    @Option(help: ArgumentHelp("Text stored as the root attribute description.", valueName: "TEXT"))
    var description: String?

    func validate() throws {
        guard (0...9).contains(gzip) else { throw ValidationError("--gzip must be 0…9, not \(gzip)") }
        if let chunkRows, chunkRows < 1 { throw ValidationError("--chunk-rows must be at least 1, not \(chunkRows)") }
    }

    func run() throws {
        let images = try NumpyFile.read(imagesPath)
        guard images.shape.count >= 2 else {
            throw HDF5Error.invalidArgument(
                "\(imagesPath) holds an array of shape \(images.shape); images need a sample axis and at least one more"
            )
        }
        guard images.rowCount > 0 else {
            // Every command refuses a file without samples, so writing one would only defer the error.
            throw HDF5Error.invalidArgument(
                "\(imagesPath) holds no samples (shape \(images.shape)); there is nothing to import")
        }
        let labels = try labelsPath.map { try NumpyFile.read($0) }
        if let labels, labels.rowCount != images.rowCount {
            throw HDF5Error.invalidArgument(
                "\(imagesPath) holds \(images.rowCount) samples but \(labelsPath!) holds \(labels.rowCount); give one label per sample"
            )
        }
        let names = try classNames.map { try ClassNameList(parsing: $0, option: "--class-names") }
        if let names, let labels { try names.check(against: labels, from: labelsPath!) }
        let rowBytes = max(images.bytesPerRow, 1)
        let rows = min(max(images.rowCount, 1), chunkRows ?? max(1, 65_536 / rowBytes))
        let storage: HDF5Storage =
            gzip == 0 ? .contiguous : .chunked([rows] + images.rowShape, gzip: gzip, shuffle: true)
        try FileReplacement.write(output, inputs: [imagesPath] + (labelsPath.map { [$0] } ?? [])) { temporary in
            let writer = try HDF5Writer(creating: temporary)
            try writer.write(images, to: "images", storage: storage)
            if let labels { try writer.write(labels, to: "labels") }
            if let names { try writer.setAttribute("class_names", strings: names.names, on: "/") }
            if let description { try writer.setAttribute("description", strings: [description], on: "/") }
            try writer.close()
        }
        FileHandle.standardError.write(
            Data(
                "wrote \(output): images \(images.dtype)\(images.shape)\(labels.map { ", labels \($0.dtype)\($0.shape)" } ?? "")\n"
                    .utf8))
    }
}
