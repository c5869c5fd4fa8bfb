import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct DownloaderTests {
    static let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 5) }
    static var payloadSum: String {
        var hash = SHA256()
        hash.update(payload)
        return hash.hexDigest()
    }

    static func serve() throws -> (LocalHTTPServer, URL) {
        let served = try FixturePaths.temporaryDirectory("served")
        try Data(payload).write(to: served.appendingPathComponent("data.bin"))
        return (try LocalHTTPServer(root: served), try FixturePaths.temporaryDirectory("download-target"))
    }

    static let quick = Downloader(attempts: 3, timeout: 20, showsProgress: false, retryDelay: 0)

    @Test func downloadsVerifiesAndRenames() throws {
        let (server, target) = try Self.serve()
        defer { server.stop() }
        let file = SourceFile(name: "data.bin", urls: [server.url("data.bin")], sha256: Self.payloadSum)
        let path = try Self.quick.fetch(file, into: target.path)
        #expect(path == target.appendingPathComponent("data.bin").path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(Self.payload))
        #expect(!FileManager.default.fileExists(atPath: path + ".part"))
        // Present files are not fetched again.
        _ = try Self.quick.fetch(file, into: target.path)
        #expect(server.requests == ["/data.bin"])
    }

    @Test func deletesAndRetriesAWrongChecksum() throws {
        let (server, target) = try Self.serve()
        defer { server.stop() }
        let wrong = String(repeating: "0", count: 64)
        let file = SourceFile(name: "data.bin", urls: [server.url("data.bin")], sha256: wrong)
        #expect {
            try Self.quick.fetch(file, into: target.path)
        } throws: { error in
            guard case DatasetError.checksumMismatch(_, let expected, let actual) = error else { return false }
            return expected == wrong && actual == Self.payloadSum
        }
        #expect(server.requests.count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }

    @Test func neverKeepsADroppedConnectionsPartialFile() throws {
        let (server, target) = try Self.serve()
        defer { server.stop() }
        let file = SourceFile(name: "data.bin", urls: [server.url("drop/data.bin")], sha256: nil)
        #expect {
            try Self.quick.fetch(file, into: target.path)
        } throws: { error in
            guard case DatasetError.downloadFailed(_, let attempts, _) = error else { return false }
            return attempts == 3
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }

    @Test func retriesAfterADroppedConnection() throws {
        let (server, target) = try Self.serve()
        defer { server.stop() }
        let file = SourceFile(name: "data.bin", urls: [server.url("flaky/data.bin")], sha256: Self.payloadSum)
        let path = try Self.quick.fetch(file, into: target.path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(Self.payload))
        #expect(server.requests == ["/flaky/data.bin", "/flaky/data.bin"])
    }

    @Test func fallsBackToTheNextMirror() throws {
        let (server, target) = try Self.serve()
        defer { server.stop() }
        let file = SourceFile(
            name: "data.bin", urls: [server.url("missing/nothing.bin"), server.url("data.bin")], sha256: Self.payloadSum
        )
        _ = try Self.quick.fetch(file, into: target.path)
        #expect(server.requests.last == "/data.bin")
    }

    @Test func saysWhichFileToPutWhereWhenTheNetworkIsUnreachable() throws {
        // A port on 127.0.0.1 that nothing listens on: bind a server, note its port, stop it.
        let (server, target) = try Self.serve()
        let deadURL = server.url("data.bin")
        server.stop()
        let file = SourceFile(name: "data.bin", urls: [deadURL], sha256: Self.payloadSum)
        #expect {
            try Self.quick.fetch(file, into: target.path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("download data.bin from \(deadURL) yourself and put it at \(target.path)/data.bin")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }
}
