import Testing

@testable import Batching

/// MB is 10^6 bytes everywhere a person reads it; MiB only for figures compared with peers.py.
@Suite struct ByteUnitsTests {
    @Test func megabytesArePowersOfTen() {
        #expect(ByteUnits.megabytes(52_428_800) == 52.4288)
        #expect(ByteUnits.megabytes(1.5e6) == 1.5)
        #expect(ByteUnits.kilobyte * ByteUnits.kilobyte == ByteUnits.megabyte)
        #expect(ByteUnits.megabyte * ByteUnits.kilobyte == ByteUnits.gigabyte)
    }

    @Test func mebibytesMatchPeersPyReadingOfRuMaxrss() {
        // peers.py: ru_maxrss (KiB on Linux) / 1024.0
        let kibibytes = 51_200
        #expect(ByteUnits.mebibytes(kibibytes * 1024) == Double(kibibytes) / 1024.0)
        #expect(ByteUnits.mebibytes(52_428_800) == 50)
    }
}
