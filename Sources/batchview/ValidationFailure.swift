import ArgumentParser

/// A `ValidationError` a command threw (from `validate()` or `run()`), found inside whatever
/// swift-argument-parser wrapped it in, so that it can be printed as the one sentence it is.
///
/// The parser prints such an error followed by the command's usage, which says nothing about
/// a wrong *value* and buries the sentence. Mistakes of syntax (an unknown option, a missing
/// argument) are not `ValidationError`s and keep their usage line.
///
/// ```swift
/// if let message = ValidationFailure.message(in: error) { print("Error: \(message)") }
/// ```
enum ValidationFailure {
    /// The message of the `ValidationError` that `error` is or carries, if any.
    static func message(in error: Error) -> String? {
        if let validation = error as? ValidationError { return validation.message }
        // The parser's CommandError is internal; it holds `parserError: .userValidationError(error)`.
        let payload = Mirror(reflecting: error).descendant("parserError", "userValidationError")
        return (payload as? ValidationError)?.message
    }
}
