/// Class labels stored as text ("cat", "dog", …) turned into class indices: the position of
/// each text in a class list — the file's class names when it lists them, else every distinct
/// text sorted by its bytes (Python's `sorted` of the strings, NumPy's `np.unique`).
///
/// Texts are compared as bytes, so texts that differ in any byte (or are not UTF-8) are
/// different classes. Labels are added a slice at a time and held as small first-seen numbers;
/// ``finish()`` says each number's class index once every label is known.
///
/// ```swift
/// var classes = TextLabelClasses(listed: nil)
/// let ids = try classes.add([Array("dog".utf8), Array("cat".utf8), Array("dog".utf8)])
/// let (names, indexOf) = classes.finish()   // ["cat", "dog"]
/// ids.map { indexOf[Int($0)] }               // [1, 0, 1]
/// ```
public struct TextLabelClasses: Sendable {
    /// The most distinct texts taken as classes: more are identifiers or captions, not classes.
    public static let largestClassCount = 65_536
    /// The most bytes the distinct texts may hold together.
    public static let largestTextBytes = 64 << 20

    /// A label that cannot be given a class.
    public struct Refusal: Error, Sendable, Equatable {
        /// The label's position in the texts given to ``add(_:)``.
        public var index: Int
        /// What is wrong, as a clause that follows "label N".
        public var problem: String
    }

    private var idOfText: [[UInt8]: Int32] = [:]
    private var texts: [[UInt8]] = []
    private var textBytes = 0
    /// The class names the labels must come from, when the file lists them.
    public let listed: [String]?

    /// An empty mapping; with `listed`, labels must be among those names and their index is
    /// the name's position (the first, when a name is listed twice).
    public init(listed: [String]?) {
        self.listed = listed
        for name in listed ?? [] where idOfText[Array(name.utf8)] == nil {
            idOfText[Array(name.utf8)] = Int32(texts.count)
            texts.append(Array(name.utf8))
        }
    }

    /// The first-seen number of each text of `labels`, in order.
    ///
    /// - Throws: ``Refusal`` for a text not in the listed names, more than ``largestClassCount``
    ///   distinct texts, or more than ``largestTextBytes`` of them.
    public mutating func add(_ labels: [[UInt8]]) throws(Refusal) -> [Int32] {
        var ids = [Int32]()
        ids.reserveCapacity(labels.count)
        for (index, text) in labels.enumerated() {
            if let id = idOfText[text] {
                ids.append(id)
                continue
            }
            if let listed {
                throw Refusal(
                    index: index,
                    problem:
                        "(\(Self.displayName(text))) is not one of the \(listed.count) class names the file lists (\(Self.sample(listed))); add it to the class names, or remove them to let batchview sort the texts it finds"
                )
            }
            guard texts.count < Self.largestClassCount else {
                throw Refusal(
                    index: index,
                    problem:
                        "is one text too many: the labels hold more than \(Self.largestClassCount) distinct texts, too many to be classes (identifiers or captions?); pass --labels with class indices"
                )
            }
            textBytes += text.count
            guard textBytes <= Self.largestTextBytes else {
                throw Refusal(
                    index: index,
                    problem:
                        "takes the labels' distinct texts past \(Self.largestTextBytes >> 20) MiB, too much for class names"
                )
            }
            idOfText[text] = Int32(texts.count)
            ids.append(Int32(texts.count))
            texts.append(text)
        }
        return ids
    }

    /// The class names in class-index order, and the class index of each first-seen number.
    public func finish() -> (names: [String], indexOfID: [Int]) {
        if let listed { return (listed, Array(texts.indices)) }
        let order = texts.indices.sorted { texts[$0].lexicographicallyPrecedes(texts[$1]) }
        var indexOfID = [Int](repeating: 0, count: texts.count)
        for (index, id) in order.enumerated() { indexOfID[id] = index }
        return (order.map { Self.displayName(texts[$0]) }, indexOfID)
    }

    /// How a text is shown as a class name: as it is when it is UTF-8 without control
    /// characters; bytes that are not (and control characters) as `\xNN`; the empty text as `""`.
    public static func displayName(_ text: [UInt8]) -> String {
        guard !text.isEmpty else { return "\"\"" }
        if let string = String(validating: text, as: UTF8.self),
            !string.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            return string
        }
        return text.map { byte in
            (0x20..<0x7f).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16).leftPadded()
        }.joined()
    }

    /// The first few names, for a sentence.
    private static func sample(_ names: [String]) -> String {
        names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
    }
}

extension String {
    /// Two hex digits.
    fileprivate func leftPadded() -> String { count < 2 ? "0" + self : self }
}
