import Values

/// Aligned columns sized by display width. The first batch of records decides
/// the columns and their widths (fitted to the terminal: see `fit`); later
/// records keep that layout, so a long stream prints as it comes.
struct TableWriter: FormatWriter {
    let options: OutputOptions
    let sink: (String) -> Void
    private var first: FirstBatch
    private var layout: Layout?

    struct Layout {
        var columns: Columns
        /// 0 for a column left out because the terminal is too narrow for it.
        var widths: [Int]
        var rightAligned: [Bool]
        var dropped: [String] = []
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

    mutating func finish() {
        if let batch = first.drain() { flush(batch) }
        if let dropped = layout?.dropped, !dropped.isEmpty {
            sink(
                "(\(dropped.count) more column\(dropped.count == 1 ? "" : "s"): \(dropped.joined(separator: ", ")); "
                    + "pick them with select, or use -o json)\n")
        }
    }

    private mutating func flush(_ pending: [Value]) {
        let columns = Columns(batch: pending, explicit: options.columns, keyed: true)
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
        let widths = Self.fit(
            natural, into: options.terminalWidth, gap: Self.gap.count,
            wide: headers.map { columns.wide.contains($0) },
            whole: headers.map { $0 == "id" || $0 == "jobid" })
        var l = Layout(columns: columns, widths: widths, rightAligned: zip(numeric, filled).map { $0 && $1 })
        l.dropped = zip(headers, widths).filter { $0.1 == 0 }.map(\.0)
        layout = l
        var out = ""
        let head = line(headers, l, header: true)
        out += options.color ? "\u{1B}[1m" + head.dropLast() + "\u{1B}[0m\n" : head
        if !options.color {
            out += widths.filter { $0 > 0 }.map { String(repeating: "-", count: $0) }.joined(separator: Self.gap) + "\n"
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
        for (i, text) in cells.enumerated() where layout.widths[i] > 0 {
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

    /// Column widths for `natural` widths on a terminal `available` columns wide,
    /// `gap` between columns. Everything fits: natural widths. Otherwise columns
    /// are kept from the left at their natural width up to `cap` (so ids stay
    /// whole and can be copied), the first that does not fit gets what is left
    /// (if that is a useful few characters), and the rest get width 0: left out,
    /// and named under the table. A `wide` column (long text) is not held to `cap`; a `whole`
    /// one (an id, to be copied) is shown whole or left out, never cut.
    static func fit(
        _ natural: [Int], into available: Int?, gap: Int, cap: Int = 40,
        wide: [Bool] = [], whole: [Bool] = []
    ) -> [Int] {
        guard let available, natural.reduce(0, +) + gap * max(0, natural.count - 1) > available else { return natural }
        var widths: [Int] = []
        var used = 0
        for (i, n) in natural.enumerated() {
            let sep = widths.isEmpty ? 0 : gap
            let want = i < wide.count && wide[i] ? n : min(n, cap)
            if used + sep + want <= available {
                widths.append(want)
                used += sep + want
                continue
            }
            let rest = available - used - sep
            if widths.isEmpty {
                widths.append(max(rest, 1))  // one column wider than the terminal: cut it
            } else if !(i < whole.count && whole[i]), rest >= min(n, 8) {
                widths.append(rest)
            }
            break
        }
        return widths + Array(repeating: 0, count: natural.count - widths.count)
    }
}
