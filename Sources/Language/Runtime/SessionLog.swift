import Foundation

/// The top-level statements of a session that ran through without an error,
/// as typed, for `history save`: exploring at the prompt becomes a script.
/// Statements that only look (help, explain, history, tour, vars) and any
/// that carry a secret (HistoryFilter) are not kept.
final class SessionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var ran: [String] = []

    /// Builtins that teach or inspect; replaying them adds nothing to a script.
    static let lookOnly: Set<String> = ["help", "explain", "history", "tour", "vars"]

    /// Called after every top-level statement that ran through; the secret check waits
    /// until the log is read, so running a statement costs no more than an append.
    func record(_ stmt: Stmt, text: String) {
        if case .expression(let e) = stmt.kind, case .pipeline(let p) = e.kind,
           case .builtin(let name, _, _) = p.stages.first?.kind, Self.lookOnly.contains(name) {
            return
        }
        lock.withLock { ran.append(text) }
    }

    /// The statements to keep, and how many were left out for carrying a secret.
    private var kept: (statements: [String], secrets: Int) {
        let all = lock.withLock { ran }.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let ok = all.filter(HistoryFilter.allows)
        return (ok, all.count - ok.count)
    }

    var statements: [String] { kept.statements }

    /// The script text: a header (date, profile, what was left out), then the statements;
    /// and how many statements it holds.
    func script(profile: String?, date: Date = Date()) -> (text: String, count: Int) {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        let (lines, secrets) = kept
        var out = "#!/usr/bin/env acsh\n"
        out += "# Saved by `history save` from an acsh session on \(f.string(from: date)), profile \(profile ?? "unknown").\n"
        out += "# \(lines.count) statement\(lines.count == 1 ? "" : "s") that ran without an error; failed ones"
        out += secrets > 0 ? " and \(secrets) carrying a secret were left out.\n" : " were left out.\n"
        out += "# Run it with: acsh \(profile.map { "-p \($0) " } ?? "")FILE.cs\n\n"
        for l in lines { out += l + "\n" }
        return (out, lines.count)
    }
}
