/// A `python:` stage's name as the inspector's narrow lines show it: the module's folders left
/// out, so that `python:/home/me/project/aug.py:f` reads `python:aug.py:f`.
enum StageName {
    /// `stage` without its module's folders; any other text unchanged.
    static func short(_ stage: String) -> String {
        var parts = stage.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[1].contains("/") else { return stage }
        parts[1] = parts[1].split(separator: "/").last.map(String.init) ?? parts[1]
        return parts.joined(separator: ":")
    }

    /// `sentence` with its first word, when that is a stage, shortened.
    static func shortFirst(_ sentence: String) -> String {
        guard let space = sentence.firstIndex(where: { $0 == " " || $0 == "'" }) else { return short(sentence) }
        return short(String(sentence[..<space])) + sentence[space...]
    }
}
