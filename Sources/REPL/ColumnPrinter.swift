/// Lays candidates out in columns, filled down then across like `ls`, sized to the window.
public enum ColumnPrinter {
    /// More than this many candidates are cut, with a count of the rest.
    public static let maximum = 300

    public static func layout(_ candidates: [Candidate], width: Int, style: Style = Style(enabled: false)) -> String {
        let shown = Array(candidates.prefix(maximum))
        guard !shown.isEmpty else { return "" }
        let labels = shown.map { $0.display }
        let widest = labels.map(displayWidth).max() ?? 0
        let columnWidth = widest + 2
        let columns = max(1, min(shown.count, (width + 2) / columnWidth))
        let rows = (shown.count + columns - 1) / columns
        var out = ""
        for r in 0..<rows {
            var line = ""
            for c in 0..<columns {
                let i = c * rows + r
                guard i < shown.count else { break }
                let label = labels[i]
                let isLast = c == columns - 1 || (c + 1) * rows + r >= shown.count
                let text = shown[i].isRequired ? style.bold(label) : label
                line += isLast ? text : text + String(repeating: " ", count: columnWidth - displayWidth(label))
            }
            out += line + "\n"
        }
        if candidates.count > shown.count {
            out += "... and \(candidates.count - shown.count) more\n"
        }
        return out
    }

    /// Columns a string takes: wide East Asian characters count two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            if v < 0x20 || (0x300...0x36F).contains(v) { return n }
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v)
            return n + (wide ? 2 : 1)
        }
    }
}
