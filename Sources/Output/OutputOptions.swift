/// What the formatters need to know about where the output goes.
public struct OutputOptions: Sendable {
    /// Indented JSON (at a terminal); compact otherwise.
    public var pretty: Bool
    /// Width to fit tables into; nil when not a terminal (nothing is cut then).
    public var terminalWidth: Int?
    /// ANSI styling (bold table header).
    public var color: Bool
    /// Column order chosen by the user (after `select`); nil: keys in first-seen order.
    public var columns: [String]?
    /// Records looked at to choose table and CSV columns and widths before the
    /// first line is printed; later records keep that layout.
    public var batchSize: Int

    public init(
        pretty: Bool = false, terminalWidth: Int? = nil, color: Bool = false,
        columns: [String]? = nil, batchSize: Int = 200
    ) {
        self.pretty = pretty
        self.terminalWidth = terminalWidth
        self.color = color
        self.columns = columns
        self.batchSize = max(1, batchSize)
    }
}
