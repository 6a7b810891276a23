import APICatalog
import Testing
import Values
@testable import Language

/// The shell's words become one command, each word one argument, never lexed
/// (issue 11 point 1, issue 16 point 2).
@Suite struct CommandLineWordsTests {
    /// The one command of a program built from words.
    private func command(_ words: [String]) throws -> Command {
        let program = try CommandLineWords.program(words)
        guard program.statements.count == 1, case .expression(let e) = program.statements[0].kind,
            case .pipeline(let p) = e.kind, p.stages.count == 1, case .command(let c) = p.stages[0].kind
        else {
            Issue.record("not one command: \(program.statements)")
            throw CancellationError()
        }
        return c
    }

    private func literal(_ e: Expr) -> String? {
        if case .literal(let v) = e.kind { return v.plainText }
        return nil
    }

    @Test func everyWordIsOneLiteralArgument() throws {
        let awkward = [
            "$HOME", "a&b", "a|b", "x;y", "#c", "\"q\"", "'s'", "\\", "(a)", "{b}", "a\rlist zones", "", "k=v&w",
        ]
        let c = try command(["list", "zones"] + awkward.map { "keyword=\($0)" })
        #expect(c.words == ["list", "zones"])
        #expect(c.args.count == awkward.count)
        for (arg, typed) in zip(c.args, awkward) {
            guard case .named(let name, let friendly, let value, _) = arg else { Issue.record("\(arg)"); continue }
            #expect(name == "keyword" && !friendly)
            #expect(literal(value) == typed)
        }
    }

    @Test func splitsAtTheFirstSeparator() {
        #expect(CommandLineWords.split("keyword=k=v") ?? ("", true, "") == ("keyword", false, "k=v"))
        #expect(CommandLineWords.split("keyword:a=b") ?? ("", false, "") == ("keyword", true, "a=b"))
        #expect(CommandLineWords.split("keyword=a:b") ?? ("", true, "") == ("keyword", false, "a:b"))
        #expect(CommandLineWords.split("tags[0].key=env") ?? ("", true, "") == ("tags[0].key", false, "env"))
        #expect(CommandLineWords.split("=x") == nil)
        #expect(CommandLineWords.split("a b=c") == nil)
        #expect(CommandLineWords.split("plain") == nil)
    }

    @Test func nounsFlagsAndRawNames() throws {
        let raw = try command(["listZones", "name=x"])
        #expect(raw.words == ["listZones"])
        let friendly = try command(["deploy", "vm", "zone:Sandbox 1"])
        #expect(friendly.words == ["deploy", "vm"])
        guard case .named("zone", true, let v, let loc) = friendly.args.first else {
            Issue.record("\(friendly.args)"); return
        }
        #expect(literal(v) == "Sandbox 1")
        #expect(loc.column == 11)
    }

    @Test func languageWordsAreRefusedWithAHint() {
        for (words, word) in [
            (["list", "zones", "|", "count"], "|"), (["deploy", "vm", "&"], "&"), (["list", "zones", ";"], ";"),
        ] {
            let text = errorText(words)
            #expect(text.contains("'\(word)' is a plain word here") && text.contains("acsh -c"), "\(text)")
        }
        #expect(errorText(["list zones | count"]).contains("is not a command"))
    }

    /// The error a program from `words` gives; "no error" when it builds.
    private func errorText(_ words: [String]) -> String {
        do { _ = try CommandLineWords.program(words); return "no error" } catch { return "\(error)" }
    }

    @Test func builtinsTakeTheirWords() async {
        let host = TestHost()
        let session = Session(host: host)
        #expect(await session.run(arguments: ["print", "$HOME", "a|b"]) == 0)
        #expect(host.output == "$HOME a|b\n")
        #expect(await session.run(arguments: ["help", "deploy", "vm"]) == 0)
        #expect(host.output.contains("deployVirtualMachine"))
    }

    @Test func valuesReachTheServerAsTyped() async throws {
        let client = try await SandboxServer.shared.client()
        let host = TestHost(api: client)
        let session = Session(
            host: host,
            options: {
                var o = SessionOptions(); o.output = .json; return o
            }())
        let typed = "it's \"$HOME\" & | ; # \\ % + = ~ (x) {y} grüße"
        #expect(
            await session.run(arguments: ["create", "securitygroup", "name=cw-words", "description=\(typed)"]) == 0,
            "\(host.errors)")
        #expect(host.output.contains(JSONWriter.compact(.string(typed))), "\(host.output)")
    }
}
