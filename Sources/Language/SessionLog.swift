import Foundation

/// The top-level statements of a session that ran through without an error,
/// as typed, for `history save`: exploring at the prompt becomes a script.
/// Statements that only look (help, explain, history, tour, vars) and any
/// that carry a secret (HistoryFilter) are not kept.
final class SessionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []
    private var secretCount = 0

    /// Builtins that teach or inspect; replaying them adds nothing to a script.
    static let lookOnly: Set<String> = ["help", "explain", "history", "tour", "vars"]

    func record(_ stmt: Stmt, text: String) {
        if case .expression(let e) = stmt.kind, case .pipeline(let p) = e.kind,
           case .builtin(let name, _, _) = p.stages.first?.kind, Self.lookOnly.contains(name) {
            return
        }
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !clean.isEmpty else { return }
        guard HistoryFilter.allows(clean) else {
            lock.withLock { secretCount += 1 }
            return
        }
        lock.withLock { kept.append(clean) }
    }

    var statements: [String] { lock.withLock { kept } }
    var secretsLeftOut: Int { lock.withLock { secretCount } }

    /// The script text: a header (date, profile, what was left out), then the statements.
    func script(profile: String?, date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        let (lines, secrets) = lock.withLock { (kept, secretCount) }
        var out = "#!/usr/bin/env acsh\n"
        out += "# Saved by `history save` from an acsh session on \(f.string(from: date)), profile \(profile ?? "unknown").\n"
        out += "# \(lines.count) statement\(lines.count == 1 ? "" : "s") that ran without an error; failed ones"
        out += secrets > 0 ? " and \(secrets) carrying a secret were left out.\n" : " were left out.\n"
        out += "# Run it with: acsh \(profile.map { "-p \($0) " } ?? "")FILE.cs\n\n"
        for l in lines { out += l + "\n" }
        return out
    }
}
