import Batching
import Foundation

/// Reads CIFAR-10 and CIFAR-100 in their binary version, from the tarball
/// (`cifar-10-binary.tar.gz`, `cifar-100-binary.tar.gz`) or the folder it unpacks to.
///
/// A CIFAR-10 record is one label byte and 3,072 pixel bytes (the red, green and blue 32×32
/// planes, rows top to bottom); a CIFAR-100 record has a coarse and a fine label byte first.
/// Images become `uint8 [N, 3, 32, 32]` and labels `int32 [N]` (CIFAR-100's fine labels in
/// ``DatasetSplit/labels``, its coarse ones in ``DatasetSplit/coarseLabels``), as in BatchUp.
///
/// ```swift
/// let cifar = try CIFARReader.read(.cifar100, from: "cifar-100-binary.tar.gz")
/// cifar.coarseClassNames?.count   // 20
/// ```
public enum CIFARReader {
    static let imageBytes = 3 * 32 * 32

    /// The dataset in the tarball or folder at `path`; `kind` is `.cifar10` or `.cifar100`.
    ///
    /// - Throws: ``DatasetError`` when `kind` is another dataset, or a file is missing, truncated
    ///   or not a whole number of records.
    public static func read(_ kind: DatasetKind, from path: String) throws -> LoadedDataset {
        guard kind == .cifar10 || kind == .cifar100 else {
            throw DatasetError.wrongReader(reader: "CIFARReader", reads: "CIFAR-10 and CIFAR-100", kind: kind)
        }
        let trainFiles = kind == .cifar10 ? (1...5).map { "data_batch_\($0).bin" } : ["train.bin"]
        let testFiles = kind == .cifar10 ? ["test_batch.bin"] : ["test.bin"]
        let nameFiles = kind == .cifar10 ? ["batches.meta.txt"] : ["fine_label_names.txt", "coarse_label_names.txt"]
        let labelBytes = kind == .cifar10 ? 1 : 2
        var records: [String: DatasetSplit] = [:]
        var names: [String: [String]] = [:]
        try ArchiveMembers(path: path).visit(Set(trainFiles + testFiles + nameFiles)) { name, size, reader in
            if name.hasSuffix(".txt") {
                names[name] = String(decoding: try reader.readBytes(size, what: name), as: UTF8.self)
                    .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                        !$0.isEmpty
                    }
            } else {
                records[name] = try readRecords(reader, size: size, labelBytes: labelBytes, member: name)
            }
        }
        func joined(_ files: [String]) throws -> DatasetSplit {
            let parts = try files.map { file in
                guard let part = records[file] else {
                    throw DatasetError.missingFile(path: "\(path): \(file)", dataset: kind.displayName)
                }
                return part
            }
            return DatasetSplit(
                images: try Tensor.concatenating(parts.map(\.images)),
                labels: try Tensor.concatenating(parts.compactMap(\.labels)),
                coarseLabels: kind == .cifar100 ? try Tensor.concatenating(parts.compactMap(\.coarseLabels)) : nil)
        }
        let train = try joined(trainFiles)
        let test = try joined(testFiles)
        if kind == .cifar10 {
            return LoadedDataset(
                kind: kind, train: train, test: test,
                classNames: names["batches.meta.txt"] ?? kind.builtInClassNames)
        }
        return LoadedDataset(
            kind: kind, train: train, test: test,
            classNames: names["fine_label_names.txt"] ?? (0..<100).map(String.init),
            coarseClassNames: names["coarse_label_names.txt"] ?? (0..<20).map(String.init))
    }

    /// The records of one batch file: `labelBytes` label bytes then 3,072 pixel bytes each.
    static func readRecords(_ reader: ByteReader, size: Int, labelBytes: Int, member: String) throws -> DatasetSplit {
        let recordBytes = labelBytes + imageBytes
        guard size % recordBytes == 0 else {
            throw DatasetError.wrongFormat(
                path: "\(reader.path): \(member)", expected: "a CIFAR batch of \(recordBytes)-byte records",
                detail: "its \(size) bytes are not a whole number of records")
        }
        let count = size / recordBytes
        var images = Tensor(zeros: .uint8, shape: [count, 3, 32, 32])
        var fine = [Int32](repeating: 0, count: count)
        var coarse = [Int32](repeating: 0, count: count)
        let chunkRecords = 1024
        var record = [UInt8](repeating: 0, count: chunkRecords * recordBytes)
        try images.withUnsafeMutableBytes { out in
            var done = 0
            while done < count {
                let n = min(chunkRecords, count - done)
                try record.withUnsafeMutableBytes { raw in
                    try reader.readExactly(
                        into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<(n * recordBytes)]), what: member)
                    for r in 0..<n {
                        let base = r * recordBytes
                        fine[done + r] = Int32(raw[base + labelBytes - 1])
                        coarse[done + r] = Int32(raw[base])
                        let image = (done + r) * imageBytes
                        UnsafeMutableRawBufferPointer(rebasing: out[image..<(image + imageBytes)]).copyMemory(
                            from: UnsafeRawBufferPointer(
                                rebasing: raw[(base + labelBytes)..<(base + labelBytes + imageBytes)]))
                    }
                }
                done += n
            }
        }
        return DatasetSplit(images: images, labels: Tensor(fine), coarseLabels: labelBytes == 2 ? Tensor(coarse) : nil)
    }
}
