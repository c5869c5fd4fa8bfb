import Batching

/// The resume token (`y`): the address on screen under the configuration shown, as the text
/// `--resume` takes.
extension InspectorSession {
    /// The configuration on screen as a resume token's fingerprint: the same value `order`,
    /// `dump`, `bench` and `frame` compute from the same flags.
    public var configurationFingerprint: ConfigurationFingerprint {
        ConfigurationFingerprint(
            configuration.sampling, batchSize: configuration.batchSize, sampleCount: dataset.sampleCount)
    }

    /// The token that resumes at the batch on screen (its first slice).
    public var resumeToken: ResumeToken {
        ResumeToken(address: state.address, endEpoch: configuration.epochs, configuration: configurationFingerprint)
    }

    /// Shows the token in the status line and asks the front end to copy it.
    func copyResumeToken() {
        let token = resumeToken.description
        clipboardRequest = token
        setStatus("resume token \(token) (copied where the terminal allows OSC 52)")
    }

    /// The text the last `y` asked to copy, once: the curses front end writes it as OSC 52.
    public func takeClipboardRequest() -> String? {
        defer { clipboardRequest = nil }
        return clipboardRequest
    }
}
