import Values
import Foundation
import Testing
@testable import Language

@Suite struct BuiltinTests {
    @Test func sourceRunsAFileInTheCurrentScope() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acsh-src-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "def double(n) { return n * 2 }\nbase = 20\n".write(
            to: dir.appendingPathComponent("lib.cs"), atomically: true, encoding: .utf8)
        let main = dir.appendingPathComponent("main.cs").path
        // A relative path is found next to the script that sources it.
        let r = await run("source lib.cs\nprint double(base) + 2", file: main)
        #expect(r.err == "")
        #expect(r.out == "42\n")
        let missing = await run("source nope.cs", file: main)
        #expect(missing.code == 2)
        #expect(missing.err.contains("cannot read"))
        try "x = (\n".write(to: dir.appendingPathComponent("bad.cs"), atomically: true, encoding: .utf8)
        let bad = await run("source bad.cs", file: main)
        #expect(bad.code == 2)
        #expect(bad.err.contains("bad.cs:1:5: this '(' is never closed"))
    }

    @Test func suggestionsCountSwapsAsOneEdit() {
        #expect(Suggest.closest("coutn", among: ["count", "zones"]) == ["count"])
        #expect(Suggest.closest("xyz", among: ["count"]).isEmpty)
    }

    @Test func fieldPaths() {
        let v: Value = ["nic": [["ipaddress": "10.0.0.1"]], "name": "a"]
        #expect(FieldPath("nic[0].ipaddress").get(v) == "10.0.0.1")
        #expect(FieldPath("nic[0].ipaddress").columnName == "ipaddress")
        #expect(FieldPath("missing.deeper").get(v) == .null)
    }
}
