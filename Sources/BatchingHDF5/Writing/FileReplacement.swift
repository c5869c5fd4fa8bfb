import Foundation

/// Writes a file so that it appears whole or not at all, and never over one of its own inputs.
///
/// The content is written under a hidden temporary name beside the output and renamed into place
/// only when complete; when anything fails, the temporary file is removed and an existing output
/// is left as it was.
///
/// ```swift
/// try FileReplacement.write("digits.h5", inputs: ["x.npy", "y.npy"]) { temporary in
///     let writer = try HDF5Writer(creating: temporary)
///     try writer.write(images, to: "images")
///     try writer.close()
/// }
/// ```
public enum FileReplacement {
    /// Calls `write` with a temporary path beside `output`, then moves the result to `output`.
    ///
    /// - Throws: ``HDF5Error/invalidArgument(_:)`` when `output` is the same file as one of
    ///   `inputs` (reading and replacing it at once would destroy it), and whatever `write` throws.
    public static func write(_ output: String, inputs: [String] = [], _ write: (String) throws -> Void) throws {
        if let clash = inputs.first(where: { sameFile($0, output) }) {
            throw HDF5Error.invalidArgument(
                "the output \(output) is the input \(clash); write to another file (-o OTHER.h5) so the input is kept")
        }
        let directory = (output as NSString).deletingLastPathComponent
        let temporary =
            (directory.isEmpty ? "." : directory) + "/." + (output as NSString).lastPathComponent + ".\(getpid()).part"
        do {
            try write(temporary)
            if FileManager.default.fileExists(atPath: output) { try FileManager.default.removeItem(atPath: output) }
            try FileManager.default.moveItem(atPath: temporary, toPath: output)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Whether two paths name the same existing file (same device and inode, so links count).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
