import Values

/// Aligned columns sized by display width. The first batch of records decides
/// the columns and their widths (fitted to the terminal by narrowing the widest
/// columns); later records keep that layout, so a long stream prints as it comes.
struct TableWriter: FormatWriter {
    let options: OutputOptions
    let sink: (String) -> Void
    private var first: FirstBatch
    private var layout: Layout?

    struct Layout {
        var columns: Columns
        var widths: [Int]
        var rightAligned: [Bool]
    }

    static let gap = "  "

    init(options: OutputOptions, sink: @escaping (String) -> Void) {
        self.options = options
        self.sink = sink
        first = FirstBatch(size: options.batchSize)
    }

    mutating func begin() {}

    mutating func write(_ item: Value) {
        if let layout {
            sink(line(Self.texts(item, layout.columns), layout))
            return
        }
        if let batch = first.add(item) { flush(batch) }
    }

    mutating func finish() { if let batch = first.drain() { flush(batch) } }

    private mutating func flush(_ pending: [Value]) {
        let columns = Columns(batch: pending, explicit: options.columns)
        let rows = pending.map { Self.texts($0, columns) }
        if columns.scalarsOnly {
            layout = Layout(columns: columns, widths: [], rightAligned: [])
            var out = ""
            for r in rows { out += line(r, layout!) }
            if !out.isEmpty { sink(out) }
            return
        }
        let headers = columns.names
        var natural = headers.map(displayWidth)
        // Columns whose values are all numbers (nulls aside) align right.
        var numeric = [Bool](repeating: true, count: headers.count)
        var filled = [Bool](repeating: false, count: headers.count)
        for item in pending {
            for (i, cell) in columns.cells(of: item).enumerated() {
                switch cell.data {
                case .null: break
                case .number: filled[i] = true
                default: numeric[i] = false
                }
            }
        }
        for row in rows {
            for (i, text) in row.enumerated() { natural[i] = max(natural[i], displayWidth(text)) }
        }
        let widths = Self.fit(natural, into: options.terminalWidth.map { $0 - Self.gap.count * (headers.count - 1) })
        let l = Layout(columns: columns, widths: widths, rightAligned: zip(numeric, filled).map { $0 && $1 })
        layout = l
        var out = ""
        let head = line(headers, l, header: true)
        out += options.color ? "\u{1B}[1m" + head.dropLast() + "\u{1B}[0m\n" : head
        if !options.color {
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: Self.gap) + "\n"
        }
        for r in rows { out += line(r, l) }
        sink(out)
    }

    private static func texts(_ item: Value, _ columns: Columns) -> [String] {
        if columns.scalarsOnly { return [Cells.table(item)] }
        return columns.cells(of: item).map(Cells.table)
    }

    /// One printed line: cells cut to their width (only when fitting a terminal;
    /// in a pipe a wider value pushes the rest of its row), padded, no trailing spaces.
    private func line(_ cells: [String], _ layout: Layout, header: Bool = false) -> String {
        if layout.columns.scalarsOnly { return (cells.first ?? "") + "\n" }
        var parts: [String] = []
        for (i, text) in cells.enumerated() {
            let w = layout.widths[i]
            var t = text
            var tw = displayWidth(t)
            if tw > w, options.terminalWidth != nil || header {
                t = ellipsize(t, toWidth: w)
                tw = displayWidth(t)
            }
            let pad = String(repeating: " ", count: max(0, w - tw))
            parts.append(layout.rightAligned[i] && !header ? pad + t : t + pad)
        }
        var s = parts.joined(separator: Self.gap)
        while s.hasSuffix(" ") { s.removeLast() }
        return s + "\n"
    }

    /// Column widths for `natural` widths within `available` columns: the widest
    /// columns are narrowed first (all to one common cap), none below a small
    /// minimum; the cap's remainder goes to the leftmost capped columns.
    static func fit(_ natural: [Int], into available: Int?) -> [Int] {
        guard let available, natural.reduce(0, +) > available else { return natural }
        let minimum = natural.map { min($0, 6) }
        func total(_ cap: Int) -> Int { zip(natural, minimum).reduce(0) { $0 + max($1.1, min($1.0, cap)) } }
        var lo = 0, hi = natural.max() ?? 0
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if total(mid) <= available { lo = mid } else { hi = mid - 1 }
        }
        var widths = zip(natural, minimum).map { max($0.1, min($0.0, lo)) }
        var spare = available - widths.reduce(0, +)
        for i in widths.indices where spare > 0 && widths[i] < natural[i] {
            widths[i] += 1
            spare -= 1
        }
        return widths
    }
}
