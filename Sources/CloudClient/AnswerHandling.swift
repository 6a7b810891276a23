import Values

/// Everything the client does with one HTTP answer, without a network: read the
/// status, headers and body, decide success or error, find records and `count`,
/// read a job's status, decide a retry and its wait, and redact the trace. The
/// client fuzz target (scripts/fuzz client) and the hostile-answer tests drive
/// it with answers no real server sends, so none of these steps may trap.
public enum AnswerHandling {
    /// What became of the answer, as a one-line summary (for tests and the fuzzer's log).
    @discardableResult
    public static func handle(
        status: Int, headers: [(String, String)], body: [UInt8],
        command: String = "listZones"
    ) -> String {
        let answer = HTTPAnswer(status: status, headers: headers, body: body)
        // An `expires` in the past makes a 401 consult the Date header (the clock-skew path).
        let expires = "2000-01-01T00:00:00+0000"
        let policy = RetryPolicy(maxAttempts: 4, base: .milliseconds(250), cap: .seconds(4))
        do {
            let value = try ResponseReader.read(
                answer, command: command, url: "https://fuzz.example/client/api", expires: expires)
            _ = JSONWriter.compact(Redaction.value(value))
            let (records, count) = CloudStackClient.records(of: value)
            let job: String
            do {
                job = try CloudStackClient.jobOutcome(value, jobid: "fuzz") == nil ? "pending" : "done"
            } catch {
                job = error.message
            }
            return "ok: \(records.count) records, count \(count.map(String.init) ?? "none"), job \(job)"
        } catch {
            let wait = policy.delay(after: error, command: command, attempt: 1)
            let notice = policy.clampNotice(after: error, command: command)
            return "error \(error.exitCode): \(error.message)"
                + (wait.map { "; retry in \(RetryPolicy.describe($0))" } ?? "") + (notice.map { "; \($0)" } ?? "")
        }
    }

    /// Bytes as an answer: two bytes of status (100-599), header lines up to an
    /// empty line, then the body. The fuzzer's input format.
    @discardableResult
    public static func handle(raw: [UInt8]) -> String {
        guard raw.count >= 2 else { return "too short" }
        let status = 100 + (Int(raw[0]) << 8 | Int(raw[1])) % 500
        var rest = raw[2...]
        var headers: [(String, String)] = []
        while let nl = rest.firstIndex(of: 0x0A) {
            let line = rest[rest.startIndex..<nl]
            rest = rest[(nl + 1)...]
            if line.isEmpty { break }
            let text = String(decoding: line, as: UTF8.self)
            if let colon = text.firstIndex(of: ":") {
                headers.append((String(text[..<colon]), String(text[text.index(after: colon)...].drop { $0 == " " })))
            }
        }
        return handle(status: status, headers: headers, body: Array(rest))
    }
}
