/// The status-line prompts (`g`, `/`): what a key does to the typed text, and the numbers the
/// text holds once submitted.
enum PromptEditor {
    /// What a key did to a prompt.
    enum Outcome: Equatable {
        /// The prompt stays open with this text.
        case editing(String)
        /// Esc, or `q` on an empty prompt: closed without an answer.
        case cancelled
        /// Enter: answered with the text so far.
        case submitted
    }

    /// `key` typed into a prompt holding `text`: digits and separators (space, `:`, `,`, `-`) are
    /// added, and `s` first (`g s120`: a recorded step); Backspace removes one, Enter submits,
    /// Esc cancels; other keys are ignored.
    static func edit(_ text: String, with key: Key) -> Outcome {
        switch key {
        case .escape: return .cancelled
        case .backspace: return .editing(String(text.dropLast()))
        case .enter: return .submitted
        case .character(let c) where c.isNumber || c == " " || c == ":" || c == "," || c == "-":
            return .editing(text + String(c))
        case .character("q") where text.isEmpty: return .cancelled
        case .character("s") where text.isEmpty: return .editing("s")
        default: return .editing(text)
        }
    }

    /// The step of a submitted `s120` (a recorded training step), `nil` when the text does not
    /// start with `s`, or the sentence that says what is wrong with it.
    static func step(in text: String) -> Result<Int, PromptError>? {
        guard text.hasPrefix("s") else { return nil }
        let digits = text.dropFirst().drop(while: { $0 == " " })
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let step = Int(digits) else {
            return .failure(PromptError("type s and a step number, such as s120"))
        }
        return .success(step)
    }

    /// The whole numbers of a submitted prompt, or the sentence that says what is wrong with
    /// them; `roles` name the numbers in order (`epoch`, `batch`, `sample`).
    static func numbers(in text: String, kind: PromptKind) -> Result<[Int], PromptError> {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "," }).map(String.init)
        let roles = kind == .find ? ["sample"] : tokens.count == 2 ? ["epoch", "batch"] : ["batch"]
        var numbers = [Int]()
        for (position, token) in tokens.enumerated() {
            let role = position < roles.count ? roles[position] : "number"
            if token.hasPrefix("-") { return .failure(PromptError("\(role) \(token) is negative; type a number ≥ 0")) }
            guard token.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return .failure(PromptError("\(token) is not a number; type digits 0–9"))
            }
            guard let number = Int(token) else { return .failure(PromptError("\(role) \(token) is out of range")) }
            numbers.append(number)
        }
        return .success(numbers)
    }
}

/// Why a prompt's answer is not a number the prompt can use.
struct PromptError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
