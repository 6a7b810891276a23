import APICatalog
import CloudClient

/// What `explain` found out about one command, and its text. Plain data in,
/// text out: the gathering is in Explain.swift.
struct ExplainText {
    struct ParamLine {
        var typed: String
        var value: String
        var required: Bool
        /// What goes on the wire: one pair, or several for lists of records and maps.
        var sent: [String] = []
        var note: String?
    }

    var typed: String
    var piped: Bool
    var background: Bool
    var why = ""
    var api: API?
    /// When it cannot resolve: the APIs it could have meant.
    var candidates: [String] = []
    var params: [ParamLine] = []
    var given: [String] = []
    var required: [String] = []
    var missing: [String] = []
    var related: [String] = []
    var readOnly = true
    var timeout: Double = 3600
    var nowait = false
    var poll: (first: Duration, cap: Duration)?
    var pageSize: Int?
    var request: RequestPreview?
    /// The one-line error a run would stop with, before sending anything.
    var stop: String?

    func render() -> String {
        var out = "explain: \(typed)\n"
        guard let api else {
            out += "  API        none\n  why        \(why)\n"
            if !candidates.isEmpty {
                let shown = candidates.prefix(8).joined(separator: ", ")
                out += "  could be   \(shown)\(candidates.count > 8 ? " and \(candidates.count - 8) more" : "")\n"
            }
            out += "  stops      a run stops here and sends nothing: \(Self.short(stop ?? "unknown command"))\n"
            return trimmed(out)
        }
        out += "  API        \(api.name)  (verb \(api.verb), noun \(api.noun.isEmpty ? "none" : api.noun))\n"
        out += "  why        \(why)\n"
        if piped {
            out +=
                "  piped      runs once per piped record; fields of the record fill the parameters not given here, by name\n"
        }
        out += "  parameters" + (params.isEmpty ? "  none given\n" : "\n")
        let width = min(32, params.map { $0.typed.count + $0.value.count }.max() ?? 0)
        for p in params {
            let left = p.typed + p.value
            var line = "    " + left + String(repeating: " ", count: max(0, width - left.count))
            line += "  -> " + (p.sent.isEmpty ? "(not sent)" : p.sent.joined(separator: " "))
            let tags = (p.required ? ["required"] : []) + (p.note.map { [$0] } ?? [])
            if !tags.isEmpty { line += "  (" + tags.joined(separator: "; ") + ")" }
            out += line + "\n"
        }
        if required.isEmpty {
            out += "  required   none\n"
        } else if missing.isEmpty {
            out += "  required   \(required.joined(separator: ", ")): all given\n"
        } else {
            out += "  required   \(required.joined(separator: ", "))\n"
            out +=
                "  missing    \(missing.joined(separator: ", "))\(piped ? " (unless the piped records carry them)" : "")\n"
        }
        out += "  async      " + asyncText(api) + "\n"
        if let pageSize {
            out +=
                "  pages      \(pageSize) records a page (set pagesize); the next page is asked for only when more records are needed, until a short page\n"
        }
        let more = related.count > 10 ? " and \(related.count - 10) more" : ""
        out += "  related    \(related.isEmpty ? "none listed" : related.prefix(10).joined(separator: ", ") + more)\n"
        out += requestText()
        if let stop {
            out += "  stops      a run stops here and sends nothing: \(Self.short(stop))\n"
        } else {
            out +=
                "  changes    \(readOnly ? "nothing: a read-only call" : "yes: this call changes the cloud (explain sent nothing)")\n"
        }
        return trimmed(out)
    }

    private func asyncText(_ api: API) -> String {
        guard api.isAsync else { return "no: the answer is the result" }
        var s = "yes: the server answers at once with a job id"
        if nowait { return s + "; with & (or set async nowait) acsh gives you the job, and `wait` polls it" }
        s += "; acsh then polls queryAsyncJobResult"
        if let poll {
            s +=
                " after \(Self.seconds(poll.first)), each interval 1.5 times the last, at most \(Self.seconds(poll.cap)) apart"
            s += " (at about " + Self.pollTimes(poll).map(Self.trim).joined(separator: ", ") + " s, ...)"
        }
        s += ", until the job ends or \(Self.trim(timeout)) s pass (set timeout); add & to get the job at once"
        return s
    }

    private func requestText() -> String {
        guard let r = request else { return "  request    not shown: no cloud configured\n" }
        var out = "  request    \(r.method), \(r.bytes) bytes of parameters"
        if r.forcedPost {
            out += " (this profile sends every call by POST)\n"
        } else if r.method == "POST" {
            out += ": more than \(r.postThreshold), so they go in the body (POST), not the URL\n"
        } else {
            out += " (more than \(r.postThreshold) would go by POST)\n"
        }
        out += "    \(r.curl)\n"
        for n in r.notes { out += "    \(n)\n" }
        return out
    }

    /// Run-time messages listing dozens of APIs, cut: the candidates are shown above.
    static func short(_ s: String) -> String { s.count > 200 ? String(s.prefix(200)) + "…" : s }

    private func trimmed(_ s: String) -> String { s.hasSuffix("\n") ? String(s.dropLast()) : s }

    /// When the polls happen, counted from the submit: the first few.
    static func pollTimes(_ poll: (first: Duration, cap: Duration), count: Int = 6) -> [Double] {
        var t = 0.0, interval = poll.first.seconds
        var out: [Double] = []
        for _ in 0..<count {
            t += interval
            out.append(t)
            interval = min(interval * 1.5, poll.cap.seconds)
        }
        return out
    }

    static func seconds(_ d: Duration) -> String {
        let s = d.seconds
        return s < 1 ? "\(Int((s * 1000).rounded())) ms" : "\(trim(s)) s"
    }

    /// 0.625 -> "0.63", 3.0 -> "3".
    static func trim(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        var s = String(r)
        if let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) > 3 {
            s = String(s[..<s.index(dot, offsetBy: 3)])
        }
        return s
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
