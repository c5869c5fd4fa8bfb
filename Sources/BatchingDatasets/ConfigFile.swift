import Foundation

/// The `[section] key = value` settings of an INI-style config file, read as Python's
/// `RawConfigParser` reads BatchUp's `~/.batchup.cfg`.
///
/// Keys are case-insensitive, `=` or `:` separates key and value, lines starting with `#` or `;`
/// are comments, and surrounding whitespace is dropped.
///
/// ```swift
/// let config = ConfigFile(text: "[paths]\ndata_dir = /big/disk/batchview\n")
/// config.value(section: "paths", key: "data_dir")   // "/big/disk/batchview"
/// ```
public struct ConfigFile: Sendable, Equatable {
    private var values: [String: [String: String]] = [:]

    /// The settings in `text`; lines that are neither sections nor settings are ignored.
    public init(text: String) {
        var section = ""
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            values[section, default: [:]][key] = value
        }
    }

    /// The value of `key` in `[section]`, or nil.
    public func value(section: String, key: String) -> String? {
        values[section]?[key.lowercased()]
    }
}
