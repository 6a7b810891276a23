import Contracts
import Foundation
import Testing
import Values
@testable import Output

/// Output compared byte for byte with files in Golden/. Set ACSH_UPDATE_GOLDEN=1
/// to rewrite them after an intended change (then read the diff).
@Suite struct GoldenTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.dir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ACSH_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "Golden/\(name) differs", sourceLocation: sourceLocation)
    }

    static let vms: Value = try! JSONParser.parse(
        #"""
        [{"id":"8f3c1e2a","name":"web-01","state":"Running","cpunumber":2,"memory":1000000,
          "tags":["prod","web"],"nic":[{"ipaddress":"10.1.1.4","isdefault":true}],"haenable":false},
         {"id":"0b7d9a55","name":"数据库-主","state":"Stopped","cpunumber":16,"memory":1.5e3,
          "tags":[],"nic":[],"haenable":true,"displayname":null},
         {"id":"c41a","name":"🚀 launch 👩‍💻","state":"Starting","cpunumber":1,"memory":512,
          "tags":["e\u0301t\u00e9"],"haenable":false}]
        """#)

    @Test func tableWide() throws {
        try check("table-wide.txt", RecordWriter.render(Self.vms, format: .table))
    }

    @Test func tableNarrowTerminal() throws {
        try check(
            "table-narrow.txt",
            RecordWriter.render(
                Self.vms, format: .table,
                options: OutputOptions(terminalWidth: 80)))
    }

    @Test func tableColorAndColumns() throws {
        let options = OutputOptions(terminalWidth: 80, color: true, columns: ["name", "memory", "missing"])
        try check("table-color.txt", RecordWriter.render(Self.vms, format: .table, options: options))
    }

    @Test func tableShapes() throws {
        var out = ""
        out += RecordWriter.render(Self.vms[index: 0]!, format: .table)
        out += "--\n" + RecordWriter.render(["zone-a", "zone-b", 3, nil, "two\nlines"], format: .table)
        out += "--\n" + RecordWriter.render("just text", format: .table)
        out += "--\n" + RecordWriter.render([["a": 1], "loose", ["a": 22, "b": "x"]], format: .table)
        out += "--\n" + RecordWriter.render([], format: .table)
        out += "--\n" + RecordWriter.render(nil, format: .table)
        out += "--\n"
        try check("table-shapes.txt", out)
    }

    @Test func streamingKeepsFirstBatchLayout() throws {
        var out = ""
        let w = RecordWriter(format: .table, options: OutputOptions(terminalWidth: 80, batchSize: 2)) { out += $0 }
        w.begin()
        w.write(["id": 1, "name": "a"])
        w.write(["id": 2, "name": "bb"])
        #expect(out.isEmpty == false, "the first batch prints once full")
        w.write(["id": 300, "name": "much longer than the batch", "extra": "dropped"])
        w.finish()
        try check("table-stream.txt", out)
    }

    @Test func csvQuoting() throws {
        let rows: Value = try JSONParser.parse(
            #"""
            [{"name":"plain","note":"has, comma","quote":"say \"hi\"","multi":"line1\nline2","cr":"a\rb"},
             {"name":"数据库","note":"","quote":null,"multi":["x","y"],"cr":{"k":1},"later":"kept: in the first batch"}]
            """#)
        var out = RecordWriter.render(rows, format: .csv)
        out += "--\n" + RecordWriter.render(Self.vms, format: .csv)
        out += "--\n" + RecordWriter.render(["a,b", "plain"], format: .csv)
        try check("csv.txt", out)
    }

    @Test func jsonNumbersAsSent() throws {
        let v: Value = try JSONParser.parse(#"{"a":1000000,"b":1.5e3,"c":-0.0,"d":12345678901234567890,"e":[1E-7,0]}"#)
        var out = RecordWriter.render(v, format: .json)
        out += RecordWriter.render(v, format: .json, options: OutputOptions(pretty: true))
        out += RecordWriter.render(Self.vms, format: .json, options: OutputOptions(pretty: true))
        out += RecordWriter.render(Self.vms, format: .json)
        out += RecordWriter.render([], format: .json, options: OutputOptions(pretty: true))
        out += RecordWriter.render("text", format: .json)
        try check("json.txt", out)
    }

    @Test func textNested() throws {
        var out = RecordWriter.render(Self.vms, format: .text)
        let nested: Value = [
            "job": [
                "id": "j1",
                "result": ["vm": ["id": 7, "nics": [["ip": "10.0.0.1"], ["ip": "10.0.0.2", "tags": ["a", "b"]]]]],
            ],
            "note": "first\nsecond", "empty": [:], "none": [], "mixed": [1, ["k": "v"], [2, 3]],
        ]
        out += "--\n" + RecordWriter.render(nested, format: .text)
        out += "--\n" + RecordWriter.render(["a", 1, true], format: .text)
        try check("text.txt", out)
    }
}
