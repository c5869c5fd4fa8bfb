import Testing

@testable import Batching

/// Data and helpers shared by the ports of BatchUp's tests.
///
/// BatchUp's tests fill arrays with `np.random.normal`; the ports use row-identifying integers
/// instead (row r of a `rows × width` array holds `r·width ..< (r+1)·width`, times a scale), so a
/// gathered row names the sample it came from.
enum BatchUpPortData {
    /// `np.arange(rows * width).reshape((rows, width)) * scale` as an int64 tensor.
    static func arange(_ rows: Int, _ width: Int, scale: Int64 = 1) -> Tensor {
        Tensor(shape: [rows, width], scalars: (0..<(rows * width)).map { Int64($0) * scale })
    }

    /// `np.arange(rows) * scale` as an int64 tensor.
    static func arange(_ rows: Int, scale: Int64 = 1) -> Tensor {
        Tensor((0..<rows).map { Int64($0) * scale })
    }

    /// `tensor[indices]`, the truth a gathered column is compared against, computed from the
    /// arange formula rather than by the code under test.
    static func rows(_ tensor: Tensor, _ indices: some Sequence<Int>) -> [Int64] {
        let width = tensor.shape.dropFirst().reduce(1, *)
        let all = tensor.scalars(as: Int64.self)
        return indices.flatMap { all[($0 * width)..<(($0 + 1) * width)] }
    }

    /// Every batch of one epoch.
    static func collect(_ source: some DataSource, _ options: BatchOptions) throws -> [Batch] {
        var iterator = try source.batches(options)
        var batches = [Batch]()
        while let batch = try iterator.next() { batches.append(batch) }
        return batches
    }

    /// Whether `stream` is consecutive permutations of `0..<count` (the last possibly cut short):
    /// what BatchUp's shuffled repeats produce, whatever the generator.
    static func isPermutationStream(_ stream: [Int], of count: Int) -> Bool {
        stride(from: 0, to: stream.count, by: count).allSatisfy { start in
            let pass = stream[start..<min(start + count, stream.count)]
            return Set(pass).count == pass.count && pass.allSatisfy { (0..<count).contains($0) }
        }
    }
}

extension BatchPart {
    /// The part's int64 values when it is a column.
    var values: [Int64]? {
        if case .column(let tensor) = self { return tensor.scalars(as: Int64.self) }
        return nil
    }

    /// The group's parts when it is a group.
    var group: [BatchPart]? {
        if case .group(let parts) = self { return parts }
        return nil
    }
}
