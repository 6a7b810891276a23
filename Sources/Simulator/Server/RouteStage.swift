/// The first stage: from where, and by which door. A request naming another host (DNS
/// rebinding) or sent by another site's page is refused (403). The API (`/client/api`) goes
/// on to the next stages; the statistics page is answered here; anything else is the proxy's 404.
enum RouteStage {
    /// Longest GET query accepted (a URL of about 4 KB, as behind common proxies).
    static let maxQueryLength = 4000

    static func run(_ x: Exchange, _ s: EngineState) -> OutgoingResponse? {
        let req = x.request
        if let host = req.host, !Loopback.isLocalAuthority(host) { return Responses.htmlPage(403) }
        if let origin = req.origin, !Loopback.isLocalOrigin(origin) { return Responses.htmlPage(403) }
        if req.path == "/simulator/stats" { return Stats.guarded(x, s) }
        if req.path == AdminKeysPage.path { return AdminKeysPage.response(s.store) }
        guard req.path == "/client/api" || req.path == "/client/api/" else { return Responses.htmlPage(404) }
        // Real deployments (Jetty, proxies) refuse long URLs; clients must send long values by POST.
        if req.method == "GET", req.query.utf8.count > maxQueryLength { return Responses.htmlPage(414) }
        return nil
    }
}
