import OrderedCollections
/// Where and why a CSV text could not be read: `line` and `column` in the data
/// file (1-based, the header is line 1).
public struct CSVError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column): \(message)" }
}

/// RFC 4180 CSV read into records: the first line names the fields. Quoted
/// fields may hold commas, doubled quotes and line breaks; lines end in LF or
/// CRLF; a UTF-8 byte order mark is skipped; blank lines are skipped. Every
/// value stays text (`"007"` keeps its zeros): the script converts what it
/// means as numbers. A row with a different number of fields than the header
/// is an error, not a guess.
public enum CSVParser {
    public static func records(_ text: String) throws(CSVError) -> [Value] {
        var reader = RowReader(Array(text.utf8))
        guard let header = try reader.row() else { return [] }
        var names: [String] = []
        for (n, name) in header.fields.enumerated() {
            guard !name.isEmpty else {
                throw CSVError(
                    message: "column \(n + 1) of the header has no name", line: header.line, column: header.columns[n])
            }
            guard !names.contains(name) else {
                throw CSVError(
                    message: "the header names '\(name)' twice", line: header.line, column: header.columns[n])
            }
            names.append(name)
        }
        var out: [Value] = []
        while let row = try reader.row() {
            guard row.fields.count == names.count else {
                let shown = row.fields.count > names.count ? row.columns[names.count] : 1
                throw CSVError(
                    message:
                        "this row has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s"), the header \(names.count) (quote a value holding a comma)",
                    line: row.line, column: shown)
            }
            var r = Record(minimumCapacity: names.count)
            for (name, value) in zip(names, row.fields) { r[name] = .string(value) }
            out.append(.record(r))
        }
        return out
    }
}

/// Reads one row at a time, keeping the line and column of each field for errors.
private struct RowReader {
    struct Row {
        var fields: [String] = []
        /// The column where each field starts, on the row's first line.
        var columns: [Int] = []
        var line: Int
    }

    let bytes: [UInt8]
    var pos = 0
    var line = 1
    var lineStart = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3; lineStart = 3 }
    }

    var column: Int { pos - lineStart + 1 }

    /// The next row; nil at the end. Blank lines are skipped.
    mutating func row() throws(CSVError) -> Row? {
        while pos < bytes.count, bytes[pos] == 0x0A || bytes[pos] == 0x0D { endLine() }
        guard pos < bytes.count else { return nil }
        var row = Row(line: line)
        while true {
            row.columns.append(column)
            row.fields.append(try field())
            guard pos < bytes.count else { return row }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            endLine()
            return row
        }
    }

    /// Past a line break (LF, CRLF or a lone CR).
    mutating func endLine() {
        if bytes[pos] == 0x0D, pos + 1 < bytes.count, bytes[pos + 1] == 0x0A { pos += 1 }
        pos += 1
        line += 1
        lineStart = pos
    }

    mutating func field() throws(CSVError) -> String {
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
            let start = pos
            while pos < bytes.count, bytes[pos] != UInt8(ascii: ","), bytes[pos] != 0x0A, bytes[pos] != 0x0D {
                pos += 1
            }
            return String(decoding: bytes[start..<pos], as: UTF8.self)
        }
        let (openLine, openColumn) = (line, column)
        pos += 1
        var value: [UInt8] = []
        while true {
            guard pos < bytes.count else {
                throw CSVError(
                    message: "the quoted field opened here is never closed", line: openLine, column: openColumn)
            }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                if pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: "\"") {
                    value.append(b)
                    pos += 2
                    continue
                }
                pos += 1
                guard pos == bytes.count || [UInt8(ascii: ","), 0x0A, 0x0D].contains(bytes[pos]) else {
                    throw CSVError(
                        message:
                            "text after the closing quote of a field (write a quote inside a quoted field as \"\")",
                        line: line, column: column)
                }
                return String(decoding: value, as: UTF8.self)
            }
            value.append(b)
            if b == 0x0A || (b == 0x0D && !(pos + 1 < bytes.count && bytes[pos + 1] == 0x0A)) {
                pos += 1
                line += 1
                lineStart = pos
            } else {
                pos += 1
            }
        }
    }
}
