extension Tensor {
    /// For rows of more than one value — one-hot labels, or a score per class — the position of
    /// each row's largest value (the first, on a tie): the class the row stands for. `nil` for
    /// rows of one value, which are class numbers themselves.
    ///
    /// The inspector charts one-hot labels by this class, and `--sampler balanced` balances by it,
    /// so both see the same classes.
    ///
    /// ```swift
    /// Tensor(shape: [2, 3], scalars: [Float(0), 1, 0, 1, 0, 0]).classOfLargestValuePerRow()   // [1, 0]
    /// ```
    public func classOfLargestValuePerRow() -> [Int]? {
        let perRow = elementsPerRow
        guard perRow > 1 else { return nil }
        return (0..<rowCount).map { row in
            let base = row * perRow
            var best = 0
            for column in 1..<perRow where doubleValue(atElement: base + column) > doubleValue(atElement: base + best) {
                best = column
            }
            return best
        }
    }
}
