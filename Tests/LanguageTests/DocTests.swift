import Contracts
import Foundation
import TestSupport
import Testing
@testable import Language

/// Runs every ```acsh block of LANGUAGE.md, in order, in one session against
/// the simulator. A block is cut after each run of `#=>` (stdout lines) and
/// `#!>` (stderr contains) lines; each piece runs and is checked on its own.
@Suite struct DocTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LANGUAGE.md")

    struct Piece {
        var code: [String] = []
        var output: [String] = []
        var errors: [String] = []
        var line = 0
    }

    static func pieces(_ text: String) -> [Piece] {
        var out: [Piece] = []
        var inBlock = false
        var cur = Piece()
        for (n, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                if inBlock, !cur.code.isEmpty { out.append(cur) }
                inBlock = line == "```acsh"
                cur = Piece(line: n + 2)
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("#=>") {
                cur.output.append(String(line.dropFirst(3).drop { $0 == " " }))
            } else if line.hasPrefix("#!>") {
                cur.errors.append(String(line.dropFirst(3).drop { $0 == " " }))
            } else {
                if !cur.output.isEmpty || !cur.errors.isEmpty {
                    out.append(cur)
                    cur = Piece(line: n + 1)
                }
                cur.code.append(line)
            }
        }
        return out
    }

    @Test func languageReferenceExamplesRun() async throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let pieces = Self.pieces(text)
        #expect(pieces.count > 20)
        var options = SessionOptions()
        options.output = .json
        let host = TestHost(api: try await SandboxServer.shared.api())
        let session = Session(host: host, options: options)
        var outSeen = 0, errSeen = 0
        // As a script in a folder of its own: the files the examples save land there and go away.
        let folder = try TemporaryDirectory()
        for p in pieces {
            let outcome = await session.execute(
                source: p.code.joined(separator: "\n"), file: folder.path + "/LANGUAGE.md")
            let out = String(host.output.dropFirst(outSeen)).replacingOccurrences(of: "\r\n", with: "\n")
            let err = String(host.errors.dropFirst(errSeen))
            outSeen = host.output.count
            errSeen = host.errors.count
            var lines = out.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            #expect(
                lines == p.output, "LANGUAGE.md line \(p.line): stdout \(lines), expected \(p.output); stderr: \(err)")
            if p.errors.isEmpty {
                #expect(outcome == .success, "LANGUAGE.md line \(p.line) failed: \(err)")
            }
            for e in p.errors {
                #expect(err.contains(e), "LANGUAGE.md line \(p.line): stderr lacks \(e): \(err)")
            }
        }
    }
}
