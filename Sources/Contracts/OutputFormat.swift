/// How results are printed (`-o json|table|csv|text`, `set output`, a profile's
/// `output`, the sink stages). Parsed once where the text comes in; passed on as this type.
public enum OutputFormat: String, CaseIterable, Sendable {
    case json, table, csv, text

    /// `json, table, csv or text`, for messages.
    public static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
