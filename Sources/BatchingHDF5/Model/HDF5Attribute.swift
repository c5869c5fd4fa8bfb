/// A named value attached to a group or dataset (class names, descriptions, units), as read from
/// a file (the memberwise initializer is internal: only the reader makes them).
public struct HDF5Attribute: Sendable, Hashable {
    /// The attribute's name.
    public var name: String
    /// Its value.
    public var value: HDF5AttributeValue
}

/// The value of an ``HDF5Attribute``.
public enum HDF5AttributeValue: Sendable, Hashable {
    /// One or more strings (a scalar string attribute is a list of one).
    case strings([String])
    /// One or more numbers, widened to `Double`.
    case numbers([Double])
    /// A type this reader does not decode, described in words.
    case unsupported(String)

    /// The strings, when the value is text.
    public var strings: [String]? {
        if case .strings(let values) = self { return values }
        return nil
    }
}

extension HDF5AttributeValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .strings(let values):
            let quoted = values.map { "\"\($0)\"" }
            return quoted.count == 1 ? quoted[0] : "[" + quoted.joined(separator: ", ") + "]"
        case .numbers(let values):
            let shown = values.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
            return shown.count == 1 ? shown[0] : "[" + shown.joined(separator: ", ") + "]"
        case .unsupported(let text):
            return "<\(text)>"
        }
    }
}
