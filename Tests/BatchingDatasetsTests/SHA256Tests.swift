import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(bytes)
        return hash.hexDigest()
    }

    @Test func matchesTheFIPSVectors() {
        #expect(Self.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Self.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Self.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func givesTheSameDigestHoweverTheInputIsCut() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }
        let whole = Self.hex(message)
        for cut in [1, 55, 56, 63, 64, 65, 127, 500] {
            var hash = SHA256()
            var start = 0
            while start < message.count {
                hash.update(Array(message[start..<min(start + cut, message.count)]))
                start += cut
            }
            #expect(hash.hexDigest() == whole, "pieces of \(cut)")
        }
    }

    @Test func agreesWithPythonsHashlibOnAFile() throws {
        let folder = try FixturePaths.temporaryDirectory("sha")
        let file = folder.appendingPathComponent("data.bin")
        try Data((0..<300_007).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }).write(to: file)
        try OriginalFormatWriter.python(
            """
            import hashlib
            open('\(folder.path)/sum.txt', 'w').write(hashlib.sha256(open('\(file.path)', 'rb').read()).hexdigest())
            """)
        let expected = try String(contentsOf: folder.appendingPathComponent("sum.txt"), encoding: .utf8)
        #expect(try SHA256.hexDigest(ofFile: file.path) == expected)
    }
}
