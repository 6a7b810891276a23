import Foundation
import Values

/// Writes statement results in an output format, record by record, so a
/// long list is never held whole (json, csv, text); table needs every row
/// for its column widths.
struct Printer {
    static let formats: Set<String> = ["json", "table", "csv", "text"]

    let host: any ShellHost
    let format: String

    func print(_ r: PipeResult) async throws {
        var sink = Sink { host.writeOutput($0) }
        try await Self.write(r, format: format, into: &sink)
        sink.flush()
    }

    static func render(_ r: PipeResult, format: String) async throws -> String {
        var out = ""
        var sink = Sink { out += $0 }
        try await write(r, format: format, into: &sink)
        sink.flush()
        if out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    /// Buffers small writes into chunks of about 64 KB.
    struct Sink {
        let emit: (String) -> Void
        var buffer = ""
        init(_ emit: @escaping (String) -> Void) { self.emit = emit }
        mutating func write(_ s: String) {
            buffer += s
            if buffer.utf8.count > 65536 { flush() }
        }
        mutating func flush() {
            if !buffer.isEmpty { emit(buffer); buffer = "" }
        }
    }

    static func write(_ r: PipeResult, format: String, into sink: inout Sink) async throws {
        switch (format, r) {
        case ("json", .value(let v)):
            sink.write(JSONWriter.pretty(v.data) + "\n")
        case ("json", .stream(let s)):
            var first = true
            while let v = try await s.next() {
                sink.write(first ? "[\n  " : ",\n  ")
                sink.write(JSONWriter.pretty(v.data, indent: 1))
                first = false
            }
            sink.write(first ? "[]\n" : "\n]\n")
        case ("csv", _):
            var columns: [String]?
            let s = r.stream
            while let v = try await s.next() {
                let rec = v.data.record ?? ["value": v.data]
                if columns == nil {
                    columns = Array(rec.keys)
                    sink.write(columns!.map(csvField).joined(separator: ",") + "\r\n")
                }
                sink.write(columns!.map { csvField(rec[$0]?.plainText ?? "") }.joined(separator: ",") + "\r\n")
            }
        case ("text", _):
            let s = r.stream
            var first = true
            while let v = try await s.next() {
                if !first { sink.write("\n") }
                first = false
                if let rec = v.data.record {
                    for (k, x) in rec { sink.write("\(k): \(x.plainText)\n") }
                } else {
                    sink.write(v.plainText + "\n")
                }
            }
        default:
            sink.write(table(try await r.collect()))
        }
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Columns from the union of the records' fields; scalars and a lone record handled.
    static func table(_ v: Value) -> String {
        let rows: [Value]
        switch v.data {
        case .list(let l): rows = l
        case .record: rows = [v.data]
        default: return v.plainText + "\n"
        }
        if rows.isEmpty { return "" }
        var columns: [String] = []
        var seen = Set<String>()
        for row in rows {
            for k in row.data.record?.keys ?? ["value"] where !seen.contains(k) {
                seen.insert(k)
                columns.append(k)
            }
        }
        let cells: [[String]] = rows.map { row in
            if let rec = row.data.record {
                return columns.map { cell(rec[$0] ?? .null) }
            }
            return columns.map { $0 == "value" ? cell(row) : "" }
        }
        var widths = columns.map(\.count)
        for r in cells { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ items: [String]) -> String {
            items.enumerated().map { i, s in
                i == items.count - 1 ? s : s + String(repeating: " ", count: widths[i] - s.count)
            }.joined(separator: "  ") + "\n"
        }
        var out = line(columns.map { $0.uppercased() })
        for r in cells { out += line(r) }
        return out
    }

    static func cell(_ v: Value) -> String {
        switch v.data {
        case .record, .list: JSONWriter.compact(v.data)
        default: v.plainText.replacingOccurrences(of: "\n", with: " ")
        }
    }
}
