import ArgumentParser

/// Splits one argument holding several options (`diff --vs "--seed 2 --preprocess 'crop:24'"`)
/// into words as a shell would: at spaces, with single and double quotes grouping.
enum ShellWords {
    /// The words of `text`.
    ///
    /// - Throws: a `ValidationError` for an unclosed quote.
    static func split(_ text: String) throws -> [String] {
        var words = [String]()
        var word = ""
        var inWord = false
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if let quote { throw ValidationError("--vs has an unclosed \(quote) quote; close it, or leave the quotes out") }
        if inWord { words.append(word) }
        return words
    }
}
