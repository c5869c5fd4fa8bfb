import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct TarReaderTests {
    @Test func readsGNULongNamesAndPlainTarsWrittenByPython() throws {
        let folder = try FixturePaths.temporaryDirectory("tar")
        let longName = String(repeating: "deep/", count: 30) + "data_batch_1.bin"
        try OriginalFormatWriter.python(
            """
            import io, tarfile
            for fmt, name in ((tarfile.GNU_FORMAT, 'gnu.tar'), (tarfile.PAX_FORMAT, 'pax.tar')):
                with tarfile.open('\(folder.path)/' + name, 'w', format=fmt) as t:
                    for member, data in (('\(longName)', bytes(range(256)) * 3), ('top/test_batch.bin', b'xyz')):
                        info = tarfile.TarInfo(member); info.size = len(data)
                        t.addfile(info, io.BytesIO(data))
            """)
        for name in ["gnu.tar", "pax.tar"] {
            var seen: [String: [UInt8]] = [:]
            try ArchiveMembers(path: folder.appendingPathComponent(name).path).visit([
                "data_batch_1.bin", "test_batch.bin",
            ]) { base, size, reader in
                seen[base] = try reader.readBytes(size, what: base)
            }
            #expect(seen["data_batch_1.bin"] == Array((0..<768).map { UInt8($0 % 256) }), "\(name)")
            #expect(seen["test_batch.bin"] == Array("xyz".utf8), "\(name)")
        }
    }

    @Test func refusesADamagedHeader() throws {
        var bytes = OriginalFormatWriter.tar([("a.bin", [1, 2, 3]), ("b.bin", [4])])
        bytes[512 + 512 + 10] ^= 0xff // the second member's name, outside its checksum
        let url = try FixturePaths.temporaryDirectory("tar-bad").appendingPathComponent("x.tar")
        try OriginalFormatWriter.write(bytes, to: url)
        #expect {
            try ArchiveMembers(path: url.path).visit(["b.bin", "c.bin"]) { _, _, _ in }
        } throws: { error in
            "\(error)".contains("a tar header is damaged")
        }
    }
}
