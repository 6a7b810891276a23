import FoundationEssentials
import Values

/// One HTTP request as the engine sees it (already read off the wire).
struct IncomingRequest: Sendable {
    var method: String
    var path: String
    var query: Substring
    var body: String?
    var contentType: String?
    var cookies: [String: String]
    /// The Host header (HTTP/2's authority), and the Origin header a browser adds.
    var host: String? = nil
    var origin: String? = nil
    /// Came in on the integration port: no authentication, the caller is the root admin.
    var integration = false
}

extension IncomingRequest {
    /// Adds the `name=value` pairs of one Cookie header.
    mutating func addCookies(_ header: String) {
        for part in header.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { cookies[String(kv[0]).trimmingSpaces()] = String(kv[1]).trimmingSpaces() }
        }
    }
}

/// What to send back.
struct OutgoingResponse: Sendable {
    var status: Int
    var contentType = "application/json; charset=UTF-8"
    var body: String
    var headers: [(String, String)] = []
    var drop = false
    var delay: Duration?
}

/// One API request on its way through the stages (see `Engine.front`): what came in,
/// and what the stages learned about it so far.
struct Exchange {
    let request: IncomingRequest
    let params: RequestParams
    let command: String
    /// The server's clock when the request arrived (one value for the whole request).
    let now: Date
    /// Set by the authentication stage; nil for an anonymous authenticator (login).
    var principal: Principal?
    /// A fault that fires in the job the request starts (set by the fault stage).
    var jobFault: FaultSpec.Kind?
    var delay: Duration?
    var truncate = false
    /// The handler's `prepare` result, made between the two locked halves of the request.
    var prepared: Result<any Sendable, APIError>?

    init(_ request: IncomingRequest, now: Date) {
        self.request = request
        var params = RequestParams()
        params.addEncoded(request.query)
        if request.method == "POST", let body = request.body,
            request.contentType.map({ $0.lowercased().hasPrefix("application/x-www-form-urlencoded") }) ?? true
        {
            params.addEncoded(Substring(body))
        }
        self.params = params
        command = params["command"] ?? ""
        self.now = now
    }

    /// The object every answer is wrapped in: `listzonesresponse`, unless the handler names another.
    var wrapper: String { Registry.handler(command)?.answerName ?? command.lowercased() + "response" }
}
