import Testing

@testable import Batching

/// Resume tokens: both text forms read back, and a token from another configuration is refused
/// with a sentence naming what differs.
@Suite struct ResumeTokenTests {
    let spec = SamplingSpec(shuffle: .exact, seed: 7)

    @Test func aBv2TokenReadsBackWithItsSettings() throws {
        let made = ConfigurationFingerprint(spec, batchSize: 32, sampleCount: 1000)
        let token = ResumeToken(address: BatchAddress(epoch: 2, batch: 5), endEpoch: 4, configuration: made)
        #expect(token.description.hasPrefix("bv2:2:5:4:"))
        let read = try #require(ResumeToken(token.description))
        #expect(read == token)
        try read.check(against: ConfigurationFingerprint(spec, batchSize: 32, sampleCount: 1000))
    }

    @Test func theRefusalNamesEverySettingThatDiffers() throws {
        let made = ConfigurationFingerprint(spec, batchSize: 32, sampleCount: 1000)
        let token = try #require(
            ResumeToken(
                ResumeToken(address: BatchAddress(epoch: 0, batch: 1), endEpoch: nil, configuration: made).description))
        var other = spec
        other.seed = 8
        let error = #expect(throws: BatchingError.self) {
            try token.check(against: ConfigurationFingerprint(other, batchSize: 64, sampleCount: 1000))
        }
        #expect(
            error?.description
                == "the resume token cannot be used: it was made with another --batch-size and --seed than this run's; give the options it was made with, or leave out --resume"
        )
        other = spec
        other.shard = Shard(rank: 1, worldSize: 2)
        let sharded = #expect(throws: BatchingError.self) {
            try token.check(against: ConfigurationFingerprint(other, batchSize: 32, sampleCount: 999))
        }
        #expect(sharded?.description.contains("another sample count and --shard") == true)
    }

    @Test func eachSettingChangesTheFingerprint() {
        let base = ConfigurationFingerprint(spec, batchSize: 32, sampleCount: 1000)
        var changes = [SamplingSpec]()
        var changed = spec
        changed.sampler = .balanced
        changes.append(changed)
        changed = spec
        changed.shuffle = .off
        changes.append(changed)
        changed = spec
        changed.subset = 0..<10
        changes.append(changed)
        changed = spec
        changed.repeats = 2
        changes.append(changed)
        changed = spec
        changed.dropLast = true
        changes.append(changed)
        let named = changes.map {
            ConfigurationFingerprint($0, batchSize: 32, sampleCount: 1000).differences(from: base)
        }
        #expect(named == [["--sampler"], ["--shuffle"], ["--subset"], ["--repeats"], ["--drop-last"]])
    }

    @Test func aBv1TokenStillParsesAndIsRefusedWithoutGuessing() throws {
        let token = try #require(ResumeToken("bv1:3:4:-:abc"))
        #expect(token.address == BatchAddress(epoch: 3, batch: 4) && token.configuration == nil)
        #expect(token.description == "bv1:3:4:-:abc")
        let error = #expect(throws: BatchingError.self) {
            try token.check(against: ConfigurationFingerprint(spec, batchSize: 32, sampleCount: 1000))
        }
        #expect(error?.description.contains("a bv1 token cannot say which setting differs") == true)
        #expect(ResumeToken("bv2:0:0:-:abc:12") == nil, "a bv2 token needs four hex digits per setting")
    }
}
