import Contracts

/// Every way a call can fail, as one line a person can act on. A struct around
/// a kind enum so kinds can grow without breaking `catch` sites.
public struct CloudStackError: Error, CustomStringConvertible, Sendable {
    public enum Transport: Sendable, Equatable {
        case refused, dns, tls, timeout, closed, other
    }

    public enum Kind: Sendable {
        /// No answer: `detail` is the underlying reason, secrets-free.
        case transport(Transport, url: String, detail: String)
        /// An HTTP status with a body that is not CloudStack JSON (proxy page, server down).
        case http(status: Int, url: String, snippet: String)
        /// A 2xx answer that is not readable JSON.
        case malformed(url: String, detail: String, truncated: Bool)
        /// The server refused the call: `{"errorcode", "cserrorcode", "errortext"}`.
        case api(command: String, errorcode: Int, cserrorcode: Int?, errortext: String)
        case jobFailed(jobid: String, errorcode: Int?, errortext: String)
        case jobCancelled(jobid: String, errortext: String)
        case jobUnknownStatus(jobid: String, status: String)
        case deadline(jobid: String)
        /// Polling a job failed (server unreachable, bad answer): the job may still run.
        case pollFailed(jobid: String, reason: String)
        /// Task cancellation (Ctrl-C); `jobid` when a job was still running on the server.
        case interrupted(jobid: String?)
        /// Task cancellation while a non-read call was on its way: it may have happened.
        case interruptedCall(command: String)
        /// A signed request refused (401) after the server's clock passed `expires`.
        case clockSkew(expires: String, serverDate: String, skewSeconds: Int)
        /// A non-read call whose connection failed after it was sent: it may have happened.
        case unclearOutcome(command: String, detail: String)
        /// A parameter value refused before sending (control characters).
        case invalidValue(parameter: String, reason: String)
        /// `login` refused (531 and friends).
        case loginFailed(username: String, errorcode: Int, errortext: String)
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    // Fields the language hands to `catch e`.
    public var errorcode: Int? {
        switch kind {
        case .api(_, let c, _, _), .loginFailed(_, let c, _): c
        case .jobFailed(_, let c, _): c
        case .http(let s, _, _): s
        case .clockSkew: 401
        default: nil
        }
    }
    public var cserrorcode: Int? {
        if case .api(_, _, let c, _) = kind { return c }
        return nil
    }
    public var errortext: String? {
        switch kind {
        case .api(_, _, _, let t), .jobFailed(_, _, let t), .jobCancelled(_, let t), .loginFailed(_, _, let t): t
        default: nil
        }
    }
    public var jobid: String? {
        switch kind {
        case .jobFailed(let j, _, _), .jobCancelled(let j, _), .jobUnknownStatus(let j, _), .deadline(let j),
            .pollFailed(let j, _):
            j
        case .interrupted(let j): j
        default: nil
        }
    }

    /// Exit codes of the acsh command (DEVELOPERS.md).
    public var exitCode: ExitCode {
        switch kind {
        case .api, .loginFailed, .clockSkew: .apiError
        case .invalidValue: .usage
        case .transport, .http, .malformed, .unclearOutcome, .pollFailed: .transport
        case .jobFailed, .jobCancelled, .jobUnknownStatus: .jobFailed
        case .deadline: .deadline
        case .interrupted, .interruptedCall: .interrupted
        }
    }

    /// One line: what happened and what to do.
    public var message: String {
        switch kind {
        case .transport(let t, let url, let detail):
            let why = detail.isEmpty ? "" : " (\(detail))"
            return switch t {
            case .refused: "connection refused by \(url): is the management server running and the port right?"
            case .dns: "cannot resolve the host of \(url)\(why): check the URL in the profile"
            case .tls where detail.hasPrefix("certificate not trusted"):
                "TLS failure talking to \(url): \(detail); install its CA certificate, or turn verification off knowingly (verify_tls=false or --insecure)"
            case .tls:
                "TLS failure talking to \(url)\(why): check the URL's scheme and port and the server's certificate"
            case .timeout:
                "no answer from \(url)\(why): the server is slow or unreachable; raise --timeout or try again"
            case .closed:
                "connection to \(url) closed before an answer\(why): the server or a proxy dropped it; try again"
            case .other: "cannot talk to \(url)\(why)"
            }
        case .http(let status, let url, let snippet):
            let tail = snippet.isEmpty ? "" : ": \(snippet)"
            return "HTTP \(status) from \(url) (not a CloudStack answer; proxy or server down?)\(tail)"
        case .malformed(let url, let detail, let truncated):
            return truncated
                ? "answer from \(url) was cut off (\(detail)): the connection or a proxy dropped it; try again"
                : "answer from \(url) is not valid JSON (\(detail)): is the URL a CloudStack API endpoint?"
        case .api(let command, let code, let cs, let text):
            let csPart = cs.map { ", cserrorcode \($0)" } ?? ""
            return "\(command) failed: \(text) (errorcode \(code)\(csPart))\(Self.hint(code))"
        case .jobFailed(let jobid, let code, let text):
            let c = code.map { " (errorcode \($0))" } ?? ""
            return "job \(jobid) failed: \(text)\(c)"
        case .jobCancelled(let jobid, let text):
            return "job \(jobid) was cancelled\(text.isEmpty ? "" : ": \(text)")"
        case .jobUnknownStatus(let jobid, let status):
            return
                "job \(jobid) answered an unknown jobstatus \(status); look at it with: queryAsyncJobResult jobid=\(jobid)"
        case .deadline(let jobid):
            return
                "deadline passed while job \(jobid) was still running; it goes on on the server, look later with: queryAsyncJobResult jobid=\(jobid)"
        case .pollFailed(let jobid, let reason):
            return
                "lost track of job \(jobid) while waiting (\(reason)); it may still be running, look later with: queryAsyncJobResult jobid=\(jobid)"
        case .interrupted(let jobid):
            if let jobid {
                return
                    "interrupted; job \(jobid) is still running on the server, look with: queryAsyncJobResult jobid=\(jobid)"
            }
            return "interrupted"
        case .interruptedCall(let command):
            return
                "interrupted while \(command) was on its way; it may have happened on the server, check with the matching list command before running it again"
        case .clockSkew(let expires, let serverDate, let skew):
            return
                "request refused as expired: it was signed to expire at \(expires) but the server's clock says \(serverDate) (about \(skew) s ahead of this machine); fix the clock (NTP) or raise the signature lifetime"
        case .unclearOutcome(let command, let detail):
            return
                "\(command): the connection failed after the call was sent (\(detail)); it was not retried, so check whether it happened (with the matching list command) before running it again"
        case .invalidValue(let parameter, let reason):
            return "parameter \(parameter): \(reason); the server refuses such values, nothing was sent"
        case .loginFailed(let username, let code, let text):
            return
                "login as \(username) failed: \(text) (errorcode \(code)); check username, password and domain in the profile"
        }
    }

    public var description: String { message }

    /// A few words on a transport failure, for messages that wrap it.
    var transportReason: String {
        switch kind {
        case .http(let status, _, _): return "HTTP \(status)"
        case .malformed(_, _, let truncated): return truncated ? "answer cut off" : "answer not JSON"
        case .transport: break
        default: return message
        }
        guard case .transport(let t, _, let detail) = kind else { return message }
        if !detail.isEmpty { return detail }
        return switch t {
        case .refused: "connection refused"
        case .dns: "host not found"
        case .tls: "TLS failure"
        case .timeout: "no answer in time"
        case .closed: "connection closed"
        case .other: "connection failed"
        }
    }

    private static func hint(_ code: Int) -> String {
        switch code {
        case 401: "; check the API key and secret (or session) of the profile"
        case 405: "; the server wants this call by POST"
        case 429: "; the server is throttling calls, try again later"
        case 432: "; the command is unknown or not allowed for this account"
        case 511: "; two-factor authentication is not verified for this account"
        default: ""
        }
    }
}
