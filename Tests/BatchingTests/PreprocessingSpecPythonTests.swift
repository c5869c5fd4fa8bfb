import Testing

@testable import Batching

/// `--preprocess` names python stages; Batching parses them and leaves building them to a builder.
@Suite struct PreprocessingSpecPythonTests {
    @Test func pythonStagesParseAloneAndInAChain() throws {
        #expect(
            try PreprocessSpec("crop:24,python:aug.py:jitter").stages == [
                .crop(height: 24, width: 24, labels: .none),
                .python(module: "aug.py", function: "jitter", perSample: false),
            ])
        #expect(
            try PreprocessSpec("python-sample:my_pkg.ops:Flip_2").stages == [
                .python(module: "my_pkg.ops", function: "Flip_2", perSample: true)
            ])
        #expect(
            try PreprocessSpec("python:/data/c:d/aug.py:f").stages == [
                .python(module: "/data/c:d/aug.py", function: "f", perSample: false)
            ])
    }

    @Test func aMalformedPythonStageIsRefusedWithTheGrammar() {
        for text in ["python", "python:aug.py", "python:aug.py:2x", "python::f", "python:aug.py:f,p=1"] {
            #expect(throws: PreprocessingError.self, "\(text)") { try PreprocessSpec(text) }
        }
        var text = ""
        do { _ = try PreprocessSpec("python:aug.py") } catch { text = String(describing: error) }
        #expect(text.contains("python needs FILE.py:NAME or package.module:NAME"), "\(text)")
        #expect(text.contains(PreprocessSpec.grammar))
    }

    @Test func withoutABuilderAPythonStageIsASentence() throws {
        let spec = try PreprocessSpec("crop:24,python:aug.py:jitter")
        #expect(throws: PreprocessingError.self) { try spec.makePreprocessor() }
        struct CountingBuilder: ExternalStageBuilder {
            func makePreprocessor(for stage: PreprocessSpec.Stage) throws -> (any Preprocessor)? {
                guard case .python = stage else { return nil }
                return RandomFlip(horizontal: true, vertical: false, probability: 1)
            }
        }
        let built = try spec.makePreprocessor(external: CountingBuilder())
        #expect((built as? PreprocessorChain)?.stages.last is RandomFlip)
    }
}
