import Contracts
import Values

/// One output format, fed a stream of records.
protocol FormatWriter {
    mutating func begin()
    mutating func write(_ item: Value)
    mutating func finish()
}

/// Prints a stream of records in one format without holding them: `begin()`,
/// `write(_:)` per record, `finish()`. Tables and CSV look at the first batch
/// (`OutputOptions.batchSize`) to choose columns, then print as records come.
/// Text goes to `sink` in pieces of whole lines.
public final class RecordWriter {
    private var writer: any FormatWriter
    private var begun = false

    public init(
        format: OutputFormat, options: OutputOptions = OutputOptions(),
        sink: @escaping (String) -> Void
    ) {
        switch format {
        case .json: writer = JSONListWriter(options: options, sink: sink)
        case .table: writer = TableWriter(options: options, sink: sink)
        case .csv: writer = CSVWriter(options: options, sink: sink)
        case .text: writer = TextWriter(options: options, sink: sink)
        }
    }

    public func begin() {
        guard !begun else { return }
        begun = true
        writer.begin()
    }

    public func write(_ record: Value) {
        begin()
        writer.write(record)
    }

    public func finish() {
        begin()
        writer.finish()
    }

    /// Prints a whole value: a list as its records, a record as one (a one-row
    /// table), a scalar as itself; JSON prints any value as it is. Nothing for
    /// null, except in JSON.
    public static func emit(
        _ value: Value, format: OutputFormat, options: OutputOptions = OutputOptions(),
        sink: @escaping (String) -> Void
    ) {
        let v = value.data
        if format == .json {
            sink((options.pretty ? JSONWriter.pretty(v) : JSONWriter.compact(v)) + "\n")
            return
        }
        switch v {
        case .null: return
        case .list(let items):
            let w = RecordWriter(format: format, options: options, sink: sink)
            w.begin()
            for item in items { w.write(item) }
            w.finish()
        case .record:
            let w = RecordWriter(format: format, options: options, sink: sink)
            w.write(v)
            w.finish()
        default:
            sink((format == .csv ? CSVWriter.field(Cells.csv(v)) : v.plainText) + "\n")
        }
    }

    /// `emit` into a string.
    public static func render(_ value: Value, format: OutputFormat, options: OutputOptions = OutputOptions()) -> String
    {
        var out = ""
        emit(value, format: format, options: options) { out += $0 }
        return out
    }
}

/// A JSON array written item by item: `[`, items, `]`, indented or compact.
struct JSONListWriter: FormatWriter {
    let options: OutputOptions
    let sink: (String) -> Void
    private var count = 0

    init(options: OutputOptions, sink: @escaping (String) -> Void) {
        self.options = options
        self.sink = sink
    }

    mutating func begin() { sink("[") }

    mutating func write(_ item: Value) {
        let sep = count == 0 ? "" : ","
        count += 1
        if options.pretty {
            sink(sep + "\n  " + JSONWriter.pretty(item.data, indent: 1))
        } else {
            sink(sep + JSONWriter.compact(item.data))
        }
    }

    mutating func finish() { sink(options.pretty && count > 0 ? "\n]\n" : "]\n") }
}
