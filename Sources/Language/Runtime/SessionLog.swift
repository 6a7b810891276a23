import FoundationEssentials
import Values

/// The top-level statements of a session that ran through without an error,
/// as typed, each with the profile it ran on, for `history save`: exploring at
/// the prompt becomes a script for one cloud. Statements that only look (help,
/// explain, history, tour, vars), profile switches, dry-run toggles, waits on
/// job ids from the past and any that carry a secret (HistoryFilter) are not kept.
final class SessionLog: @unchecked Sendable {
    struct Entry {
        var text: String
        var profile: String?
    }

    private let lock = Lock()
    private var ran: [Entry] = []

    /// Builtins that teach or inspect; replaying them adds nothing to a script.
    static let lookOnly: Set<String> = ["help", "explain", "history", "tour", "vars"]

    /// Called after every top-level statement that ran through; the secret check waits
    /// until the log is read, so running a statement costs no more than an append.
    func record(_ stmt: Stmt, text: String, profile: String?) {
        if case .expression(let e) = stmt.kind, Self.leftOut(e) { return }
        lock.withLock { ran.append(Entry(text: text, profile: profile)) }
    }

    /// Look-only builtins; `use` (each statement is kept with its profile instead);
    /// `set dryrun` (a saved script runs for real or with --dry-run, as its reader chooses);
    /// `wait "JOBID"` (a job of the past: the script would wait on nothing of its own).
    private static func leftOut(_ e: Expr) -> Bool {
        if case .wait(let target?) = e.kind, case .literal(.string) = target.kind { return true }
        guard case .pipeline(let p) = e.kind, let first = p.stages.first?.kind else { return false }
        switch first {
        case .builtin(let name, let args, _):
            if lookOnly.contains(name) || name == "use" { return true }
            if name == "set", case .positional(let w)? = args.first,
                Self.word(w).map({ ["dryrun", "dry-run"].contains($0) }) == true
            {
                return true
            }
            return false
        case .expr(let head):
            return leftOut(head)
        default:
            return false
        }
    }

    private static func word(_ e: Expr) -> String? {
        switch e.kind {
        case .variableOrCommand(let w, _), .variable(let w), .field(let w): w
        case .literal(let v): v.string
        default: nil
        }
    }

    /// The statements to keep (of one profile, or all), and how many were left out for carrying a secret.
    private func kept(profile: String?? = .none) -> (statements: [String], secrets: Int) {
        let entries = lock.withLock { ran }.filter { e in profile.map { e.profile == $0 } ?? true }
        let all = entries.map { $0.text.trimmingSpaces() }.filter { !$0.isEmpty }
        let ok = all.filter(HistoryFilter.allows)
        return (ok, all.count - ok.count)
    }

    var statements: [String] { kept().statements }

    /// The profiles other than `profile` that statements ran on, in order of first use.
    func otherProfiles(than profile: String?) -> [String] {
        var seen: [String] = []
        for e in lock.withLock({ ran }) where e.profile != profile {
            if let p = e.profile, !seen.contains(p) { seen.append(p) }
        }
        return seen
    }

    /// The script of the statements that ran on `profile`: a header (date, profile, what was
    /// left out, how to run it on that profile), then the statements; and how many it holds.
    func script(profile: String?, date: Date = Date()) -> (text: String, count: Int) {
        let (lines, secrets) = kept(profile: .some(profile))
        let others = otherProfiles(than: profile)
        var out = "#!/usr/bin/env acsh\n"
        out +=
            "# Saved by `history save` from an acsh session on \(DateText.utcMinute(date.timeIntervalSince1970)): the statements run on profile \(profile ?? "unknown").\n"
        out += "# \(lines.count) statement\(lines.count == 1 ? "" : "s") that ran without an error; failed ones"
        out += secrets > 0 ? " and \(secrets) carrying a secret were left out.\n" : " were left out.\n"
        if !others.isEmpty {
            out +=
                "# Statements run on \(others.joined(separator: ", ")) were left out (history save FILE -p PROFILE saves those).\n"
        }
        out += "# Run it with: acsh \(profile.map { "-p \($0) " } ?? "")FILE.cs\n\n"
        for l in lines { out += l + "\n" }
        return (out, lines.count)
    }
}
