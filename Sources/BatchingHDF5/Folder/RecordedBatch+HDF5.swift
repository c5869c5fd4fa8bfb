import Batching

extension RecordedBatch {
    /// The names of the root attributes `batchview.Recorder` writes (python/batchview/recorder.py).
    static let stepAttribute = "step"
    static let epochAttribute = "epoch"
    static let indicesAttribute = "indices"

    /// What a batch file's root attributes say about the batch, or `nil` when it has none of
    /// them (a folder not written by the recorder). A file is hostile: a value of the wrong type,
    /// not a whole number, or (for `indices`) of another length than the file's `rows`, is left
    /// out with a note, never trusted.
    ///
    /// ```swift
    /// let recorded = RecordedBatch(attributes: file.root.attributes, rows: 64)
    /// ```
    public init?(attributes: [HDF5Attribute], rows: Int) {
        let named = Dictionary(attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let step = named[Self.stepAttribute]
        let epoch = named[Self.epochAttribute]
        let indices = named[Self.indicesAttribute]
        guard step != nil || epoch != nil || indices != nil else { return nil }
        var notes = [String]()
        self.init()
        if let step { self.step = Self.wholeNumber(step, named: Self.stepAttribute, notes: &notes) }
        if let epoch { self.epoch = Self.wholeNumber(epoch, named: Self.epochAttribute, notes: &notes) }
        if let indices { self.indices = Self.indices(indices, rows: rows, notes: &notes) }
        self.notes = notes
    }

    private static func wholeNumber(_ value: HDF5AttributeValue, named name: String, notes: inout [String]) -> Int? {
        guard case .numbers(let values) = value, values.count == 1, let number = exactInteger(values[0]) else {
            notes.append("the \(name) attribute is \(value), not one whole number; ignored")
            return nil
        }
        return number
    }

    private static func indices(_ value: HDF5AttributeValue, rows: Int, notes: inout [String]) -> [Int]? {
        guard case .numbers(let values) = value else {
            notes.append("the indices attribute is \(value), not numbers; ignored")
            return nil
        }
        guard values.count == rows else {
            notes.append("the indices attribute holds \(values.count) values for \(rows) rows; ignored")
            return nil
        }
        var indices = [Int]()
        indices.reserveCapacity(values.count)
        for value in values {
            guard let index = exactInteger(value), index >= 0 else {
                notes.append("the indices attribute holds \(value), not a sample index; ignored")
                return nil
            }
            indices.append(index)
        }
        return indices
    }

    /// `value` as an `Int` when it is a whole number a double holds exactly (|value| ≤ 2^53).
    private static func exactInteger(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }
}
