/// How the words after a builtin's or stage's name are parsed (derived from the signature's slots).
public enum ArgumentShape: Sendable {
    /// Command words: bare words, name:value, -flags, { blocks }.
    case words
    /// One expression (`where memory >= 1024`).
    case expression
    /// Expressions separated by spaces or commas (`print "a" $b`).
    case expressions
    /// The rest of the statement as a pipeline, handed over unevaluated
    /// (`explain deploy vm ...`); a leading `NAME =` is skipped.
    case pipeline
    case none
}

/// What a positional slot or a flag's value takes. Parsing, argument checks,
/// completion and `help` read it; `acsh check` can too.
public enum SlotKind: Sendable, Equatable {
    /// A field of the records flowing in (`select name`, `sort -created`).
    case fieldPath
    /// A condition whose bare names are the record's fields (`where state == "Running"`).
    case condition
    /// A file (`source FILE`).
    case filePath
    /// The rest of the line is itself a command line (`explain deploy vm ...`).
    case commandLine
    /// One of these words (`tour status`).
    case choice([String])
    /// Any value (`print $x`).
    case expression
    /// A whole number ≥ 0 (`first 5`, `each -p 8`).
    case count
    /// Seconds, possibly fractional (`sleep 0.5`).
    case seconds
    /// A `{ ... }` block.
    case block
    /// A plain word: a profile name, a help topic.
    case word
    /// A session setting and its value (`set output json`): see `Setting`.
    case setting
}

/// One positional argument.
public struct Slot: Sendable {
    /// How usage shows it: `FIELD`, `N`, `FILE`.
    public let name: String
    public let kind: SlotKind
    public let optional: Bool
    /// It may be given several times (`select FIELD...`).
    public let repeats: Bool

    public init(_ name: String, _ kind: SlotKind, optional: Bool = false, repeats: Bool = false) {
        self.name = name
        self.kind = kind
        self.optional = optional
        self.repeats = repeats
    }

    var usage: String { usage() }

    /// `prefix` goes inside the brackets: `[[-]FIELD...]` for sort's optional fields.
    func usage(prefix: String = "") -> String {
        var text: String
        switch kind {
        case .block: text = "{ \(name) }"
        case .choice(let words): text = words.joined(separator: " | ")
        default: text = name
        }
        if repeats { text += "..." }
        return optional ? "[\(prefix)\(text)]" : prefix + text
    }
}

/// One `-x` flag: a switch, or followed by a value of `value` kind.
public struct Flag: Sendable {
    /// The short name (`p` for `-p`).
    public let name: String
    /// The long name (`--verbose`), also accepted.
    public let long: String?
    /// What follows the flag; nil for a switch.
    public let value: Slot?

    public init(_ name: String, long: String? = nil, value: Slot? = nil) {
        self.name = name
        self.long = long
        self.value = value
    }

    func matches(_ word: String) -> Bool { word == name || word == long }

    var usage: String {
        let spelled = name.count == 1 ? "-" + name : "--" + name
        return "[\(spelled)\(value.map { " " + $0.name } ?? "")]"
    }
}

/// The one declaration of a builtin or stage: its typed slots and flags drive
/// parsing (the shape), argument checks, `help` (the generated usage line) and
/// completion; its examples run as tests (CommandExampleTests).
public struct Signature: Sendable {
    public let name: String
    public let slots: [Slot]
    public let flags: [Flag]
    /// A `-NAME` is a field, not a flag (`sort -created`).
    public let fieldFlags: Bool
    public let summary: String
    /// Runnable examples shown by `help`.
    public let examples: [String]
    /// Extra usage text after the slots (`set`'s settings); nil for none.
    let detail: String?

    public init(_ name: String, _ slots: [Slot] = [], flags: [Flag] = [], fieldFlags: Bool = false,
                detail: String? = nil, summary: String, examples: [String] = []) {
        self.name = name
        self.slots = slots
        self.flags = flags
        self.fieldFlags = fieldFlags
        self.detail = detail
        self.summary = summary
        self.examples = examples
    }

    /// How to call it, e.g. `each [-p N] { BLOCK }`, generated from the slots and flags.
    public var usage: String {
        if let detail { return "\(name) \(detail)" }
        // As it is written: flags taking a value, the words, switches, then a block.
        let valued = flags.filter { $0.value != nil }.map(\.usage)
        let switches = flags.filter { $0.value == nil }.map(\.usage)
        let plain = slots.filter { $0.kind != .block }.map { $0.usage(prefix: fieldFlags ? "[-]" : "") }
        let blocks = slots.filter { $0.kind == .block }.map(\.usage)
        return ([name] + valued + plain + switches + blocks).joined(separator: " ")
    }

    /// How the parser reads the words after the name.
    public var shape: ArgumentShape {
        if slots.isEmpty && flags.isEmpty { return .none }
        if slots.count == 1, flags.isEmpty, let s = slots.first {
            switch s.kind {
            case .commandLine: return .pipeline
            case .condition: return .expression
            case .expression: return s.repeats ? .expressions : .expression
            default: break
            }
        }
        return .words
    }

    /// The kind of the positional slot at `index` (the last repeating slot covers the rest).
    public func slotKind(at index: Int) -> SlotKind? {
        let plain = slots.filter { $0.kind != .block }
        if index < plain.count { return plain[index].kind }
        return plain.last.flatMap { $0.repeats ? $0.kind : nil }
    }

    /// Whether its words name fields of the records flowing in (completion offers them).
    public var takesFields: Bool { slots.contains { $0.kind == .fieldPath || $0.kind == .condition } }
}
