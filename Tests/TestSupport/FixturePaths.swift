import Foundation

/// Where the test fixtures live: `../shared/fixtures` beside the project's checkout.
public enum FixturePaths {
    /// The package's root folder, found from this source file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/fixtures` beside the checkout (overridable with `BATCHVIEW_FIXTURES`).
    public static let sharedFixtures: URL = {
        if let custom = ProcessInfo.processInfo.environment["BATCHVIEW_FIXTURES"] {
            return URL(fileURLWithPath: custom)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }()

    /// The path of a fixture file, e.g. `fixture("mnist_small.h5")` or `fixture("bad/lzf.h5")`.
    public static func fixture(_ name: String) -> String {
        sharedFixtures.appendingPathComponent(name).path
    }

    /// A fresh empty temporary folder for one test.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("batchview-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
