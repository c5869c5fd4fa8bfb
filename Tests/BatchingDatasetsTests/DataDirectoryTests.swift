import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct DataDirectoryTests {
    static func home(batchviewCfg: String? = nil, batchupCfg: String? = nil) throws -> String {
        let home = try FixturePaths.temporaryDirectory("home")
        if let batchviewCfg {
            try batchviewCfg.write(to: home.appendingPathComponent(".batchview.cfg"), atomically: true, encoding: .utf8)
        }
        if let batchupCfg {
            try batchupCfg.write(to: home.appendingPathComponent(".batchup.cfg"), atomically: true, encoding: .utf8)
        }
        return home.path
    }

    @Test func followsThePrecedenceOrder() throws {
        let env = ["BATCHVIEW_HOME": "/env/batchview", "BATCHUP_HOME": "/env/batchup"]
        let all = try Self.home(
            batchviewCfg: "[paths]\ndata_dir = /cfg/batchview\n", batchupCfg: "[paths]\ndata_dir: /cfg/batchup\n")
        #expect(try DataDirectory.resolve(environment: env, userHome: all).home == "/cfg/batchview")
        #expect(try DataDirectory.resolve(environment: env, userHome: all).path == "/cfg/batchview/data")
        let noOwnCfg = try Self.home(batchupCfg: "[paths]\ndata_dir = /cfg/batchup\n")
        #expect(try DataDirectory.resolve(environment: env, userHome: noOwnCfg).home == "/env/batchview")
        #expect(
            try DataDirectory.resolve(environment: ["BATCHUP_HOME": "/env/batchup"], userHome: noOwnCfg).home
                == "/cfg/batchup")
        let bare = try Self.home()
        let fromBatchUpEnv = try DataDirectory.resolve(environment: ["BATCHUP_HOME": "/env/batchup"], userHome: bare)
        #expect(fromBatchUpEnv.home == "/env/batchup")
        #expect(fromBatchUpEnv.source == "BATCHUP_HOME")
        #expect(fromBatchUpEnv.batchUpDataPath == nil)
        let fallback = try DataDirectory.resolve(environment: [:], userHome: bare)
        #expect(fallback.home == bare + "/.batchview")
        #expect(fallback.batchUpDataPath == bare + "/.batchup/data")
        #expect(fallback.folder(for: .fashionMNIST) == bare + "/.batchview/data/fashion-mnist")
    }

    @Test func readsConfigFilesAsRawConfigParserDoes() throws {
        let home = try Self.home(
            batchviewCfg: "# comment\n[other]\ndata_dir = /wrong\n\n[paths]\n  DATA_DIR   =   ~/datasets  \n; more\n")
        #expect(try DataDirectory.resolve(environment: [:], userHome: home).home == home + "/datasets")
        let noSection = try Self.home(batchviewCfg: "data_dir = /nowhere\n")
        #expect(try DataDirectory.resolve(environment: [:], userHome: noSection).home == noSection + "/.batchview")
    }

    @Test func refusesAHomeThatIsAFile() throws {
        let home = try Self.home()
        let file = home + "/not-a-folder"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        #expect {
            try DataDirectory.resolve(environment: ["BATCHVIEW_HOME": file], userHome: home)
        } throws: { error in
            "\(error)".contains("from BATCHVIEW_HOME") && "\(error)".contains("not a folder")
        }
    }
}
