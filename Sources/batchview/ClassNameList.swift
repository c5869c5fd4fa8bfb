import Batching
import BatchingHDF5
import Foundation

/// The names of `--class-names a,b,c`, in class-index order, checked against the labels they
/// name.
///
/// Labels hold class indices `0..<K`, where K is the largest label + 1 (or the columns of
/// one-hot labels). Fewer names than K leaves classes without a name and is refused; more
/// names are fine, since a class that never occurs in this file is legitimate (a split
/// without the rare classes).
///
/// ```swift
/// let names = try ClassNameList(parsing: "zero,one,two", option: "--class-names")
/// try names.check(against: labels, from: "y.npy")   // labels 0…2, or 0…1: fine; 0…3: refused
/// ```
struct ClassNameList {
    /// The names, in class-index order.
    let names: [String]

    /// Splits `text` at commas, refusing empty names (they would shift every later name).
    init(parsing text: String, option: String) throws {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let empty = parts.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw HDF5Error.invalidArgument(
                "\(option) \"\(text)\" has an empty name at position \(empty + 1); give one non-empty name per class, separated by commas"
            )
        }
        names = parts
    }

    /// The number of classes `labels` hold: the largest label + 1 for class indices, the
    /// column count for one-hot rows.
    ///
    /// - Throws: when the labels are not class indices (negative or fractional numbers).
    static func classCount(of labels: Tensor, from path: String) throws -> Int {
        if labels.shape.count == 2 { return labels.shape[1] }
        var largest = -1.0
        for index in 0..<labels.elementCount {
            let value = labels.doubleValue(atElement: index)
            guard value >= 0, value == value.rounded(), value < Double(Int32.max) else {
                throw HDF5Error.invalidArgument(
                    "\(path) holds the label \(value), which is not a class index (0, 1, 2 …); leave out --class-names, or store class indices"
                )
            }
            largest = max(largest, value)
        }
        return Int(largest) + 1
    }

    /// Refuses a list with fewer names than the classes of `labels`.
    func check(against labels: Tensor, from path: String) throws {
        let classes = try Self.classCount(of: labels, from: path)
        guard names.count >= classes else {
            let how =
                labels.shape.count == 2
                ? "\(classes) one-hot columns" : "labels up to \(classes - 1), so \(classes) classes"
            throw HDF5Error.invalidArgument(
                "--class-names gives \(names.count) name\(names.count == 1 ? "" : "s") but \(path) holds \(how); give at least \(classes) names, in class-index order (more are fine for classes absent from this file)"
            )
        }
    }
}
