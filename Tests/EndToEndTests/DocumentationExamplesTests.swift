import Foundation
import TestSupport
import Testing

/// The ```swift examples of README.md and docs/*.md compile (they are copied into
/// DocumentationExamples*.swift, and this checks the copies are word for word), and those that
/// can run on the bundled assets and the shared fixtures run, with their comments checked.
@Suite struct DocumentationExamplesTests {
    /// One ```swift block of a Markdown file.
    struct Block {
        var file: String
        var line: Int
        var imports: [String]
        var body: String
    }

    /// Every ```swift block of README.md and docs/*.md, `import` lines split off the body.
    static func documentedBlocks() throws -> [Block] {
        let root = FixturePaths.packageRoot
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        var blocks: [Block] = []
        for file in ["README.md"] + docs {
            let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            var open: (line: Int, lines: [Substring])?
            for (number, line) in lines.enumerated() {
                if var block = open {
                    if line == "```" {
                        var body = block.lines
                        let imports = body.prefix { $0.hasPrefix("import ") || $0.isEmpty }
                        body.removeFirst(imports.count)
                        blocks.append(
                            Block(
                                file: file, line: block.line, imports: imports.filter { !$0.isEmpty }.map(String.init),
                                body: body.joined(separator: "\n") + "\n"))
                        open = nil
                    } else {
                        block.lines.append(line)
                        open = block
                    }
                } else if line == "```swift" {
                    open = (number + 1, [])
                }
            }
        }
        return blocks
    }

    /// The companion files' text, all of them.
    static func companionText() throws -> String {
        let folder = FixturePaths.packageRoot.appendingPathComponent("Tests/EndToEndTests")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("DocumentationExamples") && !$0.hasSuffix("Tests.swift") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
    }

    @Test func everyDocumentedBlockIsCompiledWordForWord() throws {
        let blocks = try Self.documentedBlocks()
        let companion = try Self.companionText()
        #expect(blocks.count >= 18, "README.md and docs/*.md hold \(blocks.count) swift blocks; the parser lost some")
        for block in blocks {
            let copied = companion.contains("// example: \(block.file)\n" + block.body)
            #expect(
                copied,
                "the swift block at \(block.file):\(block.line) is not in DocumentationExamples*.swift word for word; copy it there after '// example: \(block.file)'"
            )
            for line in block.imports {
                let imported =
                    companion.contains("\n\(line)\n") || companion.hasPrefix("\(line)\n")
                    || companion.contains("@testable \(line)\n")
                #expect(
                    imported,
                    "\(block.file):\(block.line) has '\(line)', which the companion files do not")
            }
        }
        // Each marker stands for one block still in the docs: no stale copies.
        let markers = companion.split(separator: "\n").filter { $0.hasPrefix("// example: ") }.map {
            String($0.dropFirst(12))
        }
        #expect(markers.sorted() == blocks.map(\.file).sorted())
    }

    @Test func theParserFindsTheBlocksItIsGiven() throws {
        // The README's first example starts with its import, which the companion holds at the top.
        let first = try #require(try Self.documentedBlocks().first)
        #expect(first.file == "README.md" && first.imports == ["import Batching"])
        #expect(first.body.hasPrefix("// Iterate over samples"))
        #expect(first.body.hasSuffix("}\n"))
    }
}
