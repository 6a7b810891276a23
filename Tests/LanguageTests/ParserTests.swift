import Testing
@testable import Language

@Suite struct ParserTests {
    func parse(_ s: String) throws -> [Stmt] { try Parser.parse(SourceFile(name: "t.cs", text: s)).statements }

    func errors(_ s: String) -> [ParseError] {
        do { _ = try parse(s); return [] } catch let e as ParseErrors { return e.errors } catch { return [] }
    }

    @Test func assignmentOfACommand() throws {
        let s = try parse("zones = list zones")
        guard case .assign("zones", let e) = s[0].kind, case .pipeline(let p) = e.kind,
            case .command(let c) = p.stages[0].kind
        else { Issue.record("shape: \(s)"); return }
        #expect(c.words == ["list", "zones"])
    }

    @Test func commandArgumentsFriendlyRawAndGlued() throws {
        let s = try parse("deploy template:$tpl.id zone:Sandbox-1 name=web-$i tags[0].key=env")
        guard case .expression(let e) = s[0].kind, case .pipeline(let p) = e.kind,
            case .command(let c) = p.stages[0].kind
        else { Issue.record("shape"); return }
        #expect(c.words == ["deploy"])
        let names = c.args.compactMap {
            if case .named(let n, let f, _, _) = $0 { "\(n)\(f ? ":" : "=")" } else { nil }
        }
        #expect(names == ["template:", "zone:", "name=", "tags[0].key="])
        if case .named(_, _, let v, _) = c.args[2], case .interpolated(let parts) = v.kind {
            #expect(parts.count == 2)
        } else {
            Issue.record("web-$i should interpolate")
        }
    }

    @Test func optionalArgumentsAndLongFlags() throws {
        let s = try parse("list vms name:$x? keyword:what? --keep-going")
        guard case .expression(let e) = s[0].kind, case .pipeline(let p) = e.kind,
            case .command(let c) = p.stages[0].kind, c.args.count == 3
        else { Issue.record("shape: \(s)"); return }
        if case .named("name", true, let v, _) = c.args[0], case .optional(let inner) = v.kind,
            case .variable("x") = inner.kind
        {
        } else {
            Issue.record("name:$x? should be an optional $x: \(c.args[0])")
        }
        if case .named("keyword", true, let v, _) = c.args[1], case .literal(let t) = v.kind {
            #expect(t == .string("what?"))  // after text, '?' is text
        } else {
            Issue.record("keyword:what? should stay text")
        }
        if case .flag("keep-going", _) = c.args[2] {} else { Issue.record("--keep-going should be one flag") }
    }

    @Test func pipelineStagesAndBackground() throws {
        let s = try parse(
            "list vms state:Running | where memory >= 1024 && name =~ \"^web\" | select id name | sort -name | first 5")
        guard case .expression(let e) = s[0].kind, case .pipeline(let p) = e.kind else { Issue.record("shape"); return }
        #expect(p.stages.count == 5)
        if case .stage("where", _, let cond?) = p.stages[1].kind, case .binary("&&", let l, _) = cond.kind,
            case .binary(">=", let f, _) = l.kind, case .field("memory") = f.kind
        {
        } else {
            Issue.record("where shape")
        }
        let bg = try parse("job = deploy template:3 zone:1 &")
        guard case .assign(_, let be) = bg[0].kind, case .pipeline(let bp) = be.kind else { Issue.record("bg"); return }
        #expect(bp.background)
    }

    @Test func bareNameIsVariableOrCommand() throws {
        let s = try parse("zones\nz = zones[0]")
        if case .expression(let e) = s[0].kind, case .variableOrCommand("zones", _) = e.kind {
        } else {
            Issue.record("first")
        }
        if case .assign(_, let e) = s[1].kind, case .index(let b, _) = e.kind, case .variable("zones") = b.kind {
        } else {
            Issue.record("second")
        }
    }

    @Test func controlFlow() throws {
        let src = """
            def f(a, b) {
              if a > b { return a } elif a == b { return 0 }
              else { return b }
            }
            for x in [1, 2] { print x }
            while false { break }
            try { fail() } catch e { print e.text }
            assert f(1, 2) == 2, "max"
            exit 3
            """
        let s = try parse(src)
        #expect(s.count == 6)
    }

    @Test func severalErrorsAreReported() {
        let e = errors("x = 1 +* 2\ny = ]\nprint \"ok\"\nz = [1, 2")
        #expect(e.count >= 2)
        #expect(e[0].location.line == 1)
    }

    @Test func errorShowsLineAndCaret() {
        do {
            _ = try parse("a = 1\nb = 2 +* 3")
            Issue.record("no error")
        } catch let e as ParseErrors {
            let text = "\(e)"
            #expect(text.hasPrefix("t.cs:2:8: expected an expression"))
            #expect(text.contains("\n    b = 2 +* 3\n           ^"))
        } catch { Issue.record("\(error)") }
    }

    @Test func interpolationErrorsPointIntoTheString() {
        let e = errors("print \"a ${1 +} b\"")
        #expect(e.first?.location.column == 15)
    }

    @Test func incompleteInput() {
        #expect(Session.isIncomplete("if x {"))
        #expect(Session.isIncomplete("list vms |"))
        #expect(!Session.isIncomplete("print \"abc"))  // strings end on their line: report at once
        #expect(Session.isIncomplete("x = [1,\n2"))
        #expect(Session.isIncomplete("a = 1 +"))
        #expect(!Session.isIncomplete("list vms | count"))
        #expect(!Session.isIncomplete("x = {a: 1}"))
    }
}
