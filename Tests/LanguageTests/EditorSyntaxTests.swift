import Foundation
import TestSupport
import Testing
import Values
@testable import Language

/// editors/ is written from the language's tables (scripts/gen-editors, or
/// ACSH_UPDATE_GOLDEN=1): a stage, builtin or function registered without
/// regenerating it fails here, as completions/ does in EndToEndTests.
@Suite struct EditorSyntaxTests {
    static let folder = repositoryRoot.appendingPathComponent("editors")

    @Test func committedFilesAreCurrent() throws {
        let update = ProcessInfo.processInfo.environment["ACSH_UPDATE_GOLDEN"] == "1"
        for (path, text) in EditorSyntax.files {
            let url = Self.folder.appendingPathComponent(path)
            if update {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            let committed = try? String(contentsOf: url, encoding: .utf8)
            #expect(committed == text, "editors/\(path) is stale: run scripts/gen-editors")
        }
    }

    @Test func everyRegisteredNameIsHighlighted() throws {
        let grammar = try JSONParser.parse(EditorSyntax.textMateGrammar)
        let repository = try #require(grammar[field: "repository"])
        func pattern(_ rule: String) -> String { repository[field: rule]?[field: "match"]?.string ?? "" }
        let vim = EditorSyntax.vimSyntax
        for stage in Stages.names {
            #expect(
                pattern("stage").contains("|\(stage)|") || pattern("stage").contains("(\(stage)|")
                    || pattern("stage").contains("|\(stage))"), "\(stage)")
            #expect(vim.contains(stage), "\(stage)")
        }
        for name in Builtins.commandNames + Builtins.functionNames + ["if", "catch", "true"] {
            #expect(
                pattern("builtin").contains(name) || pattern("function").contains(name)
                    || pattern("keyword").contains(name) || pattern("constant").contains(name), "\(name)")
            #expect(vim.contains(name), "\(name)")
        }
        #expect(pattern("stage").contains("save") && pattern("function").contains("readcsv"))
    }

    /// The patterns are real regular expressions (the TextMate engine is Oniguruma;
    /// these use only what it shares with ICU), and they find what they are named for.
    @Test func patternsMatchTheirTokens() throws {
        let grammar = try JSONParser.parse(EditorSyntax.textMateGrammar)
        let repository = try #require(grammar[field: "repository"])
        func first(_ rule: String, in text: String) throws -> String? {
            let regex = try NSRegularExpression(
                pattern: repository[field: rule]?[field: "match"]?.string ?? "", options: [.anchorsMatchLines])
            let ns = text as NSString
            return regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)).map {
                ns.substring(with: $0.range)
            }
        }
        #expect(try first("comment", in: "x = 1  # note") == "# note")
        #expect(try first("stage", in: "list vms | where state == 1") == "| where")
        #expect(try first("function", in: "rows = readcsv(\"a.csv\")") == "readcsv")
        #expect(try first("function", in: "read = 1") == nil)
        #expect(try first("variable", in: "print \"$name\"") == "$name")
        #expect(try first("number", in: "web-1 x 42") == "42")
        #expect(try first("flag", in: "each -p 8 {") == "-p")
        #expect(try first("named-argument", in: "deploy vm zone:Sandbox-1 name=x") == "zone")
        #expect(try first("named-argument", in: "a == b") == nil)
        #expect(try first("keyword", in: "for vm in list") == "for")
    }

    @Test func scriptsAreDetectedByTheirFirstLine() throws {
        let regex = try NSRegularExpression(pattern: EditorSyntax.shebang)
        for (line, isAcsh) in [
            ("#!/usr/bin/env acsh", true), ("#!/usr/local/bin/acsh -p lab", true),
            ("#!/bin/sh", false), ("// C#", false), ("#!/usr/bin/env acshx", false),
        ] {
            let found =
                regex.firstMatch(in: line, range: NSRange(location: 0, length: (line as NSString).length)) != nil
            #expect(found == isAcsh, "\(line)")
        }
        #expect(EditorSyntax.vimDetect.contains("*.acsh setfiletype acsh"))
    }
}
