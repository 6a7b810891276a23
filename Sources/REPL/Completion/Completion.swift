/// One thing Tab can insert.
public struct Candidate: Sendable, Equatable, CustomStringConvertible {
    /// The text that replaces the word being completed.
    public var insert: String
    /// What the candidate list shows (`zoneid=*`, `3f2a...  Sandbox-1`).
    public var display: String
    /// A required parameter: listed first and marked.
    public var isRequired: Bool
    /// A finished word gets a space after it; `name=`, `$vm.` and directories do not.
    public var appendsSpace: Bool

    public init(insert: String, display: String? = nil, isRequired: Bool = false, appendsSpace: Bool = true) {
        self.insert = insert
        self.display = display ?? insert
        self.isRequired = isRequired
        self.appendsSpace = appendsSpace
    }

    public var description: String { display }
}

/// What completing a word gives: the word's start and text, and the candidates.
public struct Completion: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case command, noun, apiName, parameter, value, variable, field, stage, path, none
    }

    /// UTF-8 offset in the line where the word being completed starts.
    public var replaceStart: Int
    /// The word from `replaceStart` to the cursor (replaced by the insertion).
    public var prefix: String
    public var candidates: [Candidate]
    public var kind: Kind

    public init(replaceStart: Int, prefix: String, candidates: [Candidate], kind: Kind) {
        self.replaceStart = replaceStart
        self.prefix = prefix
        self.candidates = candidates
        self.kind = kind
    }

    public var inserts: [String] { candidates.map(\.insert) }

    /// What Tab puts in place of `prefix`: the single candidate (with its space),
    /// or the candidates' longest common prefix when it is longer than the word.
    /// Nil when Tab can add nothing and should list the candidates instead.
    public var insertion: String? {
        if candidates.count == 1 {
            let c = candidates[0]
            return c.insert + (c.appendsSpace ? " " : "")
        }
        guard !candidates.isEmpty else { return nil }
        let common = commonPrefix(candidates.map(\.insert))
        // Ids matched by their name (`zoneid=Sand`) share no prefix with the typed word.
        guard common.count > prefix.count, common.lowercased().hasPrefix(prefix.lowercased()) else { return nil }
        return common
    }
}

/// Longest common prefix, by characters. Compared case-insensitively, so that
/// `deployvirt` against camelCase API names still advances; the candidate's
/// own spelling is kept.
func commonPrefix(_ words: [String]) -> String {
    guard var first = words.first.map(Array.init) else { return "" }
    for w in words.dropFirst() {
        let chars = Array(w)
        var n = 0
        while n < first.count, n < chars.count, first[n].lowercased() == chars[n].lowercased() { n += 1 }
        first = Array(first.prefix(n))
    }
    return String(first)
}
