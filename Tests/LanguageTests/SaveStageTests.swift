import Foundation
import Output
import TestSupport
import Testing
import Values
@testable import Language

/// `save PATH`: the records written to a file (its path from the script's folder),
/// whole or not at all, streamed, never over an existing file unless -f.
@Suite struct SaveStageTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    /// Runs `source` as the script `dir/t.cs`, so relative paths land in `dir`.
    func script(_ source: String, dryRun: Bool = false) async throws -> (out: String, err: String, code: Int32) {
        var options = SessionOptions()
        options.dryRun = dryRun
        return await run(source, file: dir.path + "/t.cs", api: try await SandboxServer.shared.api(), options: options)
    }

    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }

    @Test func eachFormatRoundTrips() async throws {
        let r = try await script(
            """
            rows = [{name: "web-1", cpu: 2, note: "a, \\"b\\""}, {name: "db-1", cpu: 4, note: "two\\nlines"}]
            rows | save out.csv
            rows | save out.json
            rows | save out.txt
            rows | save out.table
            print readcsv("out.csv") == [{name: "web-1", cpu: "2", note: "a, \\"b\\""}, {name: "db-1", cpu: "4", note: "two\\nlines"}]
            print readjson("out.json") == rows
            """)
        #expect(r.code == 0, "\(r.err)")
        #expect(
            r.out
                == "saved 2 records to out.csv\nsaved 2 records to out.json\nsaved 2 records to out.txt\nsaved 2 records to out.table\ntrue\ntrue\n"
        )
        // Output's renderers, as for printed results (a file gets no terminal width or colour).
        let records: [Record] = [
            ["name": .string("web-1"), "cpu": .int(2), "note": .string("a, \"b\"")],
            ["name": .string("db-1"), "cpu": .int(4), "note": .string("two\nlines")],
        ]
        let rows: Value = .list(records.map { .record($0) })
        #expect(try dir.read("out.table") == RecordWriter.render(rows, format: .table))
        #expect(try dir.read("out.txt") == RecordWriter.render(rows, format: .text))
        #expect(try dir.read("out.csv") == RecordWriter.render(rows, format: .csv))
        #expect(try files() == ["out.csv", "out.json", "out.table", "out.txt"])
    }

    @Test func formatFlagAndForce() async throws {
        try dir.write("report.dat", "old\n")
        let refused = try await script("list zones | save report.dat -o csv")
        #expect(refused.code == 2)
        #expect(
            refused.err.contains(
                "t.cs:1:14: cannot save report.dat (\(dir.path)/report.dat): the file exists; add -f (--force) to replace it"
            ), "\(refused.err)")
        #expect(try dir.read("report.dat") == "old\n")
        let forced = try await script("list zones | select name | save -o csv --force report.dat")
        #expect(forced.code == 0, "\(forced.err)")
        #expect(try dir.read("report.dat") == "name\nSandbox-1\nSandbox-2\n")
        #expect(try files() == ["report.dat"])
    }

    @Test func confusedFlagsAndUnknownFormatsAreUsageErrors() async throws {
        let f = try await script("list zones | save -f csv zones.txt")
        #expect(
            f.err.contains("1:14: save -f means --force; choose the format with -o: save -o csv zones.txt"), "\(f.err)")
        let ext = try await script("list zones | save zones.dat")
        #expect(
            ext.err.contains(
                "save cannot tell the format from 'zones.dat': end the name in .json, .csv, .txt or .table, or add -o json|table|csv|text"
            ), "\(ext.err)")
        let none = try await script("list zones | save")
        #expect(none.err.contains("save needs one file: save [-o FORMAT] PATH [-f]"), "\(none.err)")
        #expect(try files().isEmpty)
    }

    @Test func aFailingPipelineLeavesNoFile() async throws {
        let r = try await script(
            """
            range(500) | each { if $it == 300 { assert false, "stop at 300" }; {n: $it} } | save part.json
            """)
        #expect(r.err.contains("stop at 300"), "\(r.err)")
        #expect(try files().isEmpty)
    }

    @Test func dryRunWritesNothing() async throws {
        let r = try await script("list zones | save zones.csv", dryRun: true)
        #expect(r.out == "dry run: would save 2 records to zones.csv\n", "\(r.err)")
        #expect(try files().isEmpty)
    }

    /// 100,000 records go to disk while they are still coming: when the last record is
    /// asked for, the temporary file already holds almost all the others.
    @Test func streamsRecordsToDiskAsTheyCome() async throws {
        let total = 100_000
        let folder = dir.path
        nonisolated(unsafe) var n = 0
        nonisolated(unsafe) var bytesOnDiskBeforeTheEnd = 0
        let input = ValueStream {
            guard n < total else { return nil }
            if n == total - 1 {
                let temp = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
                #expect(temp.count == 1)
                bytesOnDiskBeforeTheEnd =
                    (try? FileManager.default.attributesOfItem(atPath: folder + "/" + temp[0])[.size] as? Int) ?? 0
            }
            defer { n += 1 }
            return .record(["id": .int(n), "name": .string("vm-\(n)"), "state": .string("Running")])
        }
        let host = TestHost()
        let interpreter = Interpreter(host: host, options: SessionOptions())
        let location = SourceLocation(file: folder + "/t.cs", line: 1, column: 1)
        let call = StageCall(
            name: "save", args: [.positional(Expr(.literal(.string("big.csv")), location))], expr: nil,
            location: location, interpreter: interpreter, scope: interpreter.globals)
        let result = try await Stages.save(call, input)
        #expect(try await result.collect().string == "saved 100000 records to big.csv")
        let text = try dir.read("big.csv")
        #expect(text.hasPrefix("id,name,state\n0,vm-0,Running\n") && text.hasSuffix("99999,vm-99999,Running\n"))
        // More than nine tenths of the file were written before the last record existed.
        #expect(bytesOnDiskBeforeTheEnd > text.utf8.count * 9 / 10, "\(bytesOnDiskBeforeTheEnd) of \(text.utf8.count)")
        #expect(try files() == ["big.csv"])
    }
}
