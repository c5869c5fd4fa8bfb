import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Soft and external links that lead to no dataset of the file: the sentence names the link,
/// where it points and what is missing, instead of "no numeric dataset"; a loop of soft links
/// cannot crash; a working external link is refused rather than read from the wrong file.
struct BrokenLinkTests {
    /// A folder with `target.h5` (dataset `x`) and `links.h5`, whose `images` is made by `link`
    /// (Python, `f` open for writing) beside numeric `labels`.
    private func linkFile(_ link: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("links.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys, os
            folder = os.path.dirname(sys.argv[1])
            with h5py.File(os.path.join(folder, 'target.h5'), 'w') as t:
                t['x'] = np.zeros((4, 3, 3), 'uint8')
                t.create_group('g')['x'] = np.zeros((4, 3, 3), 'uint8')
            with h5py.File(sys.argv[1], 'w') as f:
                f['labels'] = np.arange(4)
                \(link)
            """, arguments: [path])
        try #require(result.status == 0, "\(result.combinedOutput)")
        return path
    }

    private func openError(_ path: String, images: String? = nil) -> HDF5Error? {
        do {
            _ = try HDF5Source.open(path, images: images)
            return nil
        } catch {
            return error as? HDF5Error
        }
    }

    @Test func externalLinkToAMissingFile() throws {
        let folder = try FixturePaths.temporaryDirectory("links")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try linkFile("f['images'] = h5py.ExternalLink('nowhere.h5', '/x')", in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for images in [nil, "images", "/images"] as [String?] {
            let error = try #require(openError(path, images: images))
            guard
                case .unusableLink(let file, let link, .missingExternalFile(let target, let object, let searched)) =
                    error
            else {
                Issue.record("got \(error)")
                continue
            }
            #expect(file == path && link == "images" && target == "nowhere.h5" && object == "/x")
            #expect(searched.contains(folder.appendingPathComponent("nowhere.h5").standardizedFileURL.path))
            let text = error.description
            #expect(
                text.contains("\"images\"") && text.contains("nowhere.h5") && text.contains("\"/x\"")
                    && text.contains("missing"))
            #expect(!text.contains("no numeric dataset"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func externalLinkToAMissingDataset() throws {
        let folder = try FixturePaths.temporaryDirectory("links")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try linkFile("f['images'] = h5py.ExternalLink('target.h5', '/nope')", in: folder)
        let error = try #require(openError(path))
        guard
            case .unusableLink(_, "images", .missingExternalObject("target.h5", "/nope", let foundAt, let detail)) =
                error
        else {
            Issue.record("got \(error)")
            return
        }
        #expect(foundAt.hasSuffix("/target.h5") && detail == "has no \"/nope\"")
        #expect(error.description.contains("target.h5 has no \"/nope\""))
    }

    @Test func workingExternalLinksAreNotReadThroughTheWrongFile() throws {
        let folder = try FixturePaths.temporaryDirectory("links")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try linkFile(
            "f['images'] = h5py.ExternalLink('target.h5', '/x'); f['outside'] = h5py.ExternalLink('target.h5', '/g')",
            in: folder)
        let file = try HDF5File(path: path)
        for wanted in ["images", "outside/x"] {
            #expect(throws: HDF5Error.self) { try file.dataset(wanted) }
            guard case .external(file: "target.h5", _, let foundAt)? = file.brokenLink(at: wanted)?.state else {
                Issue.record("\(wanted): \(String(describing: file.brokenLink(at: wanted)))")
                continue
            }
            #expect(foundAt.hasSuffix("/target.h5"))
        }
        let error = try #require(openError(path))
        #expect(error.description.contains("reads only datasets stored in the file itself"))
    }

    @Test func danglingSoftLink() throws {
        let folder = try FixturePaths.temporaryDirectory("links")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try linkFile("f['images'] = h5py.SoftLink('/gone/images')", in: folder)
        #expect(
            openError(path)
                == .unusableLink(file: path, link: "images", state: .danglingSoftLink(target: "/gone/images")))
        #expect(
            openError(path, images: "images")
                == .unusableLink(file: path, link: "images", state: .danglingSoftLink(target: "/gone/images")))
        #expect(openError(path)?.description.contains("soft link to \"/gone/images\"") == true)
    }

    @Test func aLoopOfSoftLinksIsASentenceNotACrash() throws {
        let folder = try FixturePaths.temporaryDirectory("links")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try linkFile(
            "f['images'] = h5py.SoftLink('/other'); f['other'] = h5py.SoftLink('/images')", in: folder)
        let file = try HDF5File(path: path)
        #expect(file.root.dataset(at: "images") == nil)
        #expect(
            openError(path, images: "images")
                == .unusableLink(file: path, link: "images", state: .softLinkLoop(target: "/other")))
        #expect(openError(path) == .unusableLink(file: path, link: "images", state: .softLinkLoop(target: "/other")))
    }

    @Test func aBrokenLinkNamedLikeLabelsIsReportedNotSkipped() throws {
        let folder = try FixturePaths.temporaryDirectory("links")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try linkFile(
            "f['images'] = np.zeros((4, 3, 3), 'uint8'); del f['labels']; f['labels'] = h5py.SoftLink('/y_old')",
            in: folder)
        #expect(
            openError(path) == .unusableLink(file: path, link: "labels", state: .danglingSoftLink(target: "/y_old")))
    }
}
