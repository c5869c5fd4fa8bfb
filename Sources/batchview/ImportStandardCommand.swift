import ArgumentParser
import BatchingDatasets
import Foundation

/// `batchview import KIND [SRC] -o OUT.h5` for the standard datasets (mnist, fashion-mnist,
/// cifar10, cifar100, stl10, svhn, usps): reads the original files and writes the inspector's
/// HDF5 layout (see docs/datasets.md). Without SRC, the originals in the data directory are used
/// (downloaded first when missing).
struct StandardImportOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The downloaded original: a folder of files, a tarball, a .h5 (default: the data directory, downloading when missing).",
            valueName: "SRC"))
    var source: String?

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: "The HDF5 file to write (replaced only once the new one is complete).")
    var output: String

    @Option(help: "gzip level 1–9 for the images (chunked, with the shuffle filter); 0 stores them uncompressed.")
    var gzip: Int = 4

    @Option(help: "Samples per chunk (default: about 64 KiB of images per chunk).")
    var chunkRows: Int?

    @Flag(
        help:
            "Write a /validation group split off the training set as BatchUp does (the last n_val samples; STL-10: the last fold)."
    )
    var splitValidation = false

    @Option(
        help: ArgumentHelp(
            "With --split-validation: how many samples (STL-10: folds) to split off instead of BatchUp's default.",
            valueName: "N"))
    var validation: Int?

    @Flag(help: "STL-10: also write the 100,000 unlabelled images (/unlabeled/images, 2.8 GB).")
    var unlabeled = false

    @Flag(help: "SVHN: also write extra_32x32.mat (/extra) when it is in SRC.")
    var extra = false

    @Flag(help: "Never download: fail with the missing file's name instead.")
    var noDownload = false

    func validate() throws {
        guard (0...9).contains(gzip) else { throw ValidationError("--gzip must be 0…9, not \(gzip)") }
        if let chunkRows, chunkRows < 1 { throw ValidationError("--chunk-rows must be at least 1, not \(chunkRows)") }
        if validation != nil && !splitValidation { throw ValidationError("--validation needs --split-validation") }
        if let validation, validation < 0 { throw ValidationError("--validation must be 0 or more, not \(validation)") }
    }

    func run(_ kind: DatasetKind) throws {
        let readOptions = StandardDatasetReader.Options(
            includeUnlabeled: unlabeled, includeExtra: extra, showsProgress: true)
        let sourcePath: String
        if let source {
            sourcePath = source
        } else {
            sourcePath = try DatasetStore(allowsDownload: !noDownload).originals(for: kind)
        }
        var dataset = try StandardDatasetReader.read(kind, from: sourcePath, options: readOptions)
        if splitValidation {
            if let validation {
                dataset =
                    kind == .stl10
                    ? try dataset.splittingValidation(lastFolds: validation)
                    : try dataset.splittingValidation(last: validation)
            } else {
                dataset = try dataset.splittingDefaultValidation()
            }
        }
        try DatasetImporter.write(
            dataset, to: output, inputs: [sourcePath], options: .init(gzipLevel: gzip, chunkRows: chunkRows))
        let parts = [
            ("train", dataset.train.count), ("validation", dataset.validation.count), ("test", dataset.test.count),
            ("unlabeled", dataset.unlabeled?.count ?? 0), ("extra", dataset.extra?.count ?? 0),
        ]
        .filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        FileHandle.standardError.write(
            Data(
                "wrote \(output): \(kind.displayName), \(parts) samples, images \(dataset.train.images.dtype)\(dataset.train.images.rowShape)\n"
                    .utf8))
    }
}

/// `batchview import KIND` for one standard dataset.
struct ImportStandardCommand<Dataset: StandardDataset>: ParsableCommand {
    static var configuration: CommandConfiguration {
        let kind = Dataset.kind
        return CommandConfiguration(
            commandName: kind.rawValue, abstract: kind.originalsDescription,
            discussion:
                "Example: batchview import \(kind.rawValue) \(kind.sourceFiles.count == 1 ? kind.sourceFiles[0].name : "FOLDER") -o \(kind.rawValue).h5"
        )
    }

    @OptionGroup var options: StandardImportOptions

    func run() throws { try options.run(Dataset.kind) }
}

/// The standard kinds' import subcommands, for `ImportCommand`'s list.
let standardImportCommands: [ParsableCommand.Type] = standardDatasets.map { $0.importCommand }
