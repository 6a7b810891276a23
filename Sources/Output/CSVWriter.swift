import Values

/// RFC 4180 CSV: a header row of the columns of the first batch, then one row
/// per record. Fields holding a comma, quote, CR or LF are quoted, quotes
/// doubled. Lines end with LF (not CRLF): the output is meant for Unix pipes,
/// and CSV readers take either. Keys first seen after the first batch are left
/// out, as in tables; nested values are compact JSON.
struct CSVWriter: FormatWriter {
    let options: OutputOptions
    let sink: (String) -> Void
    private var first: FirstBatch
    private var columns: Columns?

    init(options: OutputOptions, sink: @escaping (String) -> Void) {
        self.options = options
        self.sink = sink
        first = FirstBatch(size: options.batchSize)
    }

    mutating func begin() {}

    mutating func write(_ item: Value) {
        if let columns {
            sink(row(item, columns))
            return
        }
        if let batch = first.add(item) { flush(batch) }
    }

    mutating func finish() { if let batch = first.drain() { flush(batch) } }

    private mutating func flush(_ pending: [Value]) {
        let cols = Columns(batch: pending, explicit: options.columns)
        columns = cols
        if !cols.scalarsOnly && !pending.isEmpty || options.columns != nil {
            sink(cols.names.map(CSVWriter.field).joined(separator: ",") + "\n")
        }
        var out = ""
        for item in pending { out += row(item, cols) }
        if !out.isEmpty { sink(out) }
    }

    private func row(_ item: Value, _ cols: Columns) -> String {
        if cols.scalarsOnly { return CSVWriter.field(Cells.csv(item)) + "\n" }
        return cols.cells(of: item).map { CSVWriter.field(Cells.csv($0)) }.joined(separator: ",") + "\n"
    }

    static func field(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = "\""
        for ch in s.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }
}
