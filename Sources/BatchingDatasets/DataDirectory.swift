import Foundation

/// Where standard datasets live on this machine, resolved as BatchUp resolves its own folder.
///
/// The first of these that is set decides the *home* folder; the data directory is its `data`
/// subfolder, as in BatchUp:
///
/// 1. `data_dir` in the `[paths]` section of `~/.batchview.cfg`
/// 2. the `BATCHVIEW_HOME` environment variable
/// 3. `data_dir` in the `[paths]` section of `~/.batchup.cfg` (BatchUp's config)
/// 4. the `BATCHUP_HOME` environment variable (BatchUp's)
/// 5. `~/.batchview`
///
/// Files BatchUp already fetched are found as well: BatchUp's own data directory (its rules alone:
/// `~/.batchup.cfg`, `BATCHUP_HOME`, `~/.batchup`) is searched after ours.
///
/// ```swift
/// let dir = try DataDirectory.resolve()
/// dir.path          // "/root/.batchview/data"
/// dir.source        // "the default ~/.batchview"
/// ```
public struct DataDirectory: Sendable, Equatable {
    /// The home folder chosen by the rules above.
    public var home: String
    /// Which rule chose it, in words (for messages).
    public var source: String
    /// BatchUp's own data directory, when it differs from ours (searched for existing files).
    public var batchUpDataPath: String?

    /// `home/data`, where files are fetched to and imported into.
    public var path: String { (home as NSString).appendingPathComponent("data") }

    /// The folder for one dataset's original files and its imported HDF5 file: `data/KIND`.
    public func folder(for kind: DatasetKind) -> String {
        (path as NSString).appendingPathComponent(kind.rawValue)
    }

    /// The data directory for `environment` and the home folder `userHome` (both injectable for
    /// tests; the defaults are the process's).
    ///
    /// - Throws: ``DatasetError/dataDirectoryNotADirectory(path:source:)`` when the chosen home
    ///   exists and is a file.
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        userHome: String = NSHomeDirectory()
    ) throws -> DataDirectory {
        func configured(_ file: String) -> String? {
            let path = (userHome as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                let value = ConfigFile(text: text).value(section: "paths", key: "data_dir"), !value.isEmpty
            else { return nil }
            return expand(value, userHome: userHome)
        }
        func env(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : expand($0, userHome: userHome) }
        }
        let candidates: [(String?, String)] = [
            (configured(".batchview.cfg"), "data_dir in ~/.batchview.cfg"),
            (env("BATCHVIEW_HOME"), "BATCHVIEW_HOME"),
            (configured(".batchup.cfg"), "data_dir in ~/.batchup.cfg"),
            (env("BATCHUP_HOME"), "BATCHUP_HOME"),
            ((userHome as NSString).appendingPathComponent(".batchview"), "the default ~/.batchview"),
        ]
        let (home, source) = candidates.first { $0.0 != nil }.map { ($0.0!, $0.1) }!
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: home, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw DatasetError.dataDirectoryNotADirectory(path: home, source: source)
        }
        let batchUpHome =
            configured(".batchup.cfg") ?? env("BATCHUP_HOME")
            ?? (userHome as NSString).appendingPathComponent(".batchup")
        let batchUpData = (batchUpHome as NSString).appendingPathComponent("data")
        let ours = (home as NSString).appendingPathComponent("data")
        return DataDirectory(home: home, source: source, batchUpDataPath: batchUpData == ours ? nil : batchUpData)
    }

    /// `~` and `~/…` expanded against `userHome` (BatchUp leaves `~` alone; we do not).
    static func expand(_ path: String, userHome: String) -> String {
        if path == "~" { return userHome }
        if path.hasPrefix("~/") { return (userHome as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        return path
    }
}
