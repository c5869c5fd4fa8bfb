/// Orders names as people do: runs of digits compare by value, so `batch_2` comes before
/// `batch_10`.
///
/// ```swift
/// ["batch_10.h5", "batch_2.h5"].sorted(by: NaturalOrder.precedes)  // ["batch_2.h5", "batch_10.h5"]
/// ```
public enum NaturalOrder {
    /// Whether `a` sorts before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let left = tokens(a)
        let right = tokens(b)
        for (x, y) in zip(left, right) where x != y {
            switch (x, y) {
            case (.number(let m, let mText), .number(let n, let nText)):
                return m != n ? m < n : (mText.count != nText.count ? mText.count < nText.count : mText < nText)
            case (.number, .text): return true
            case (.text, .number): return false
            case (.text(let s), .text(let t)): return s < t
            }
        }
        return left.count != right.count ? left.count < right.count : a < b
    }

    private enum Token: Equatable {
        case text(String)
        case number(Double, String)
    }

    private static func tokens(_ name: String) -> [Token] {
        var result = [Token]()
        var current = ""
        var inDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            result.append(inDigits ? .number(Double(current) ?? 0, current) : .text(current))
            current = ""
        }
        for character in name {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != inDigits {
                flush()
                inDigits = isDigit
            }
            current.append(character)
        }
        flush()
        return result
    }
}
