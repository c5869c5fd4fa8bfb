import Testing

@testable import Batching

@Suite struct PreprocessingSpecTests {
    @Test func parsesTheDocumentedExamples() throws {
        #expect(
            try PreprocessSpec("crop:24,flip:h").stages == [
                .crop(height: 24, width: 24, labels: .none),
                .flip(horizontal: true, vertical: false, probability: 0.5),
            ])
        #expect(
            try PreprocessSpec("timeseries:window=50,slide=25,start=0").stages == [
                .timeseries(window: 50, slide: 25, starts: [0])
            ])
        #expect(
            try PreprocessSpec("timeseries:window=50,start=0/10").stages == [
                .timeseries(window: 50, slide: 50, starts: [0, 10])
            ])
        #expect(
            try PreprocessSpec("crop:24x20,labels=same,flip:hv,p=0.25,normalize:range=-1..1,mean=0.5/0.4/0.3,std=0.2")
                .stages == [
                    .crop(height: 24, width: 20, labels: .sameBox),
                    .flip(horizontal: true, vertical: true, probability: 0.25),
                    .normalize(range: -1...1, mean: [0.5, 0.4, 0.3], std: [0.2]),
                ])
        #expect(try PreprocessSpec("normalize").stages == [.normalize(range: 0...1, mean: [0], std: [1])])
        #expect(try PreprocessSpec("crop:24").makePreprocessor() is RandomCrop)
        #expect(try PreprocessSpec("crop:24,flip:h").makePreprocessor() is PreprocessorChain)
    }

    @Test(arguments: [
        ("crop:abc", "'abc'"), ("flip:x", "flip needs h, v or hv"), ("blur:3", "'blur:3' is not a stage"),
        ("crop:24,,flip:h", "empty part"), ("timeseries:slide=3", "needs window=N"),
        ("timeseries:window=5,stride=2", "no parameter 'stride'"), ("normalize:range=1..0", "range='1..0'"),
        ("crop:24,labels=both", "labels='both'"), ("", "empty part"),
    ])
    func malformedSpecsNameTheBadPartAndShowTheGrammar(_ example: (String, String)) {
        do {
            _ = try PreprocessSpec(example.0)
            Issue.record("'\(example.0)' parsed")
        } catch {
            let text = String(describing: error)
            #expect(text.contains(example.1), "\(text)")
            #expect(text.contains(PreprocessSpec.grammar))
        }
    }
}
