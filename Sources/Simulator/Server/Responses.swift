import Values
import OrderedCollections

/// The shapes of answers the stages send without a handler: API errors, proxy pages, throttling.
enum Responses {
    static func error(_ wrapper: String, _ e: APIError, delay: Duration? = nil) -> OutgoingResponse {
        let body: Value = .record([
            wrapper: .record([
                "uuidList": .list([]), "errorcode": .int(e.code), "cserrorcode": .int(e.csCode),
                "errortext": .string(e.text),
            ])
        ])
        return OutgoingResponse(status: e.code, body: JSONWriter.compact(body), delay: delay)
    }

    /// The page a proxy (nginx) in front of the server answers with.
    static func htmlPage(_ status: Int, delay: Duration? = nil) -> OutgoingResponse {
        let titles = [
            403: "Forbidden", 404: "Not Found", 414: "Request-URI Too Large", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Time-out",
        ]
        let title = titles[status] ?? "Error"
        let body =
            "<html><head><title>\(status) \(title)</title></head><body><center><h1>\(status) \(title)</h1></center>"
            + "<hr><center>nginx</center></body></html>\n"
        return OutgoingResponse(status: status, contentType: "text/html", body: body, delay: delay)
    }

    static func throttleText(_ ms: Int) -> String {
        "The given user has reached his/her account api limit, please retry after \(ms) ms."
    }
}
