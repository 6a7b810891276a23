import Hummingbird
import HummingbirdCore
import HTTPTypes
import Logging
import NIOConcurrencyHelpers
import NIOCore
import CloudClient

/// One request as the test server saw it: parameters decoded from the query and the form body.
struct SeenRequest: Sendable {
    var method: String
    var params: [(String, String)]
    var rawQuery: String
    var rawBody: String
    var cookie: String?

    func param(_ name: String) -> String? { params.first { $0.0 == name }?.1 }
    var command: String { param("command") ?? "" }
}

/// What the scripted server answers.
struct Reply: Sendable {
    var status: Int = 200
    var body: String
    var contentType = "application/json; charset=UTF-8"
    var headers: [(String, String)] = []
    var delay: Duration = .zero

    static func json(_ body: String, status: Int = 200) -> Reply { Reply(status: status, body: body) }
    static func apiError(_ command: String, code: Int, cs: Int, text: String) -> Reply {
        .json(
            #"{"\#(command.lowercased())response":{"uuidList":[],"errorcode":\#(code),"cserrorcode":\#(cs),"errortext":"\#(text)"}}"#,
            status: code)
    }
}

/// A real HTTP server on 127.0.0.1 (Hummingbird) answering /client/api from a script:
/// `handler` gets each request and its 0-based index. Records every request it saw.
final class TestServer: Sendable {
    let port: Int
    private let seenBox: NIOLockedValueBox<[SeenRequest]>
    private let task: Task<Void, Error>

    var seen: [SeenRequest] { seenBox.withLockedValue { $0 } }

    /// Cancels `task` once its request has reached this server (a loaded machine may take seconds to
    /// get there) and waits for it to end: its result and how long the end took after the cancel.
    func cancelOnceSeen<T: Sendable>(_ task: Task<T, any Error>) async throws -> (Result<T, any Error>, Duration) {
        let sent = ContinuousClock.now
        while seen.isEmpty, ContinuousClock.now - sent < .seconds(20) {
            try await Task.sleep(for: .milliseconds(10))
        }
        let start = ContinuousClock.now
        task.cancel()
        let result = await task.result
        return (result, ContinuousClock.now - start)
    }
    var url: String { "\(scheme)://127.0.0.1:\(port)/client/api" }
    let scheme: String

    init(
        server: HTTPServerBuilder = .http1(), scheme: String = "http",
        _ handler: @escaping @Sendable (SeenRequest, Int) async -> Reply
    ) async throws {
        let seenBox = NIOLockedValueBox<[SeenRequest]>([])
        let router = Router()
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { req, _ in
            let body = try await req.body.collect(upTo: 1 << 20)
            let rawBody = String(buffer: body)
            let rawQuery = req.uri.query ?? ""
            var params = formDecode(rawQuery)
            if req.method == .post { params += formDecode(rawBody) }
            let seen = SeenRequest(
                method: req.method.rawValue, params: params, rawQuery: rawQuery,
                rawBody: rawBody, cookie: req.headers[.cookie])
            let index = seenBox.withLockedValue { list in
                list.append(seen); return list.count - 1
            }
            let reply = await handler(seen, index)
            if reply.delay > .zero { try? await Task.sleep(for: reply.delay) }
            var headers = HTTPFields()
            headers[.contentType] = reply.contentType
            for (n, v) in reply.headers { headers.append(HTTPField(name: HTTPField.Name(n)!, value: v)) }
            return Response(
                status: .init(code: reply.status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: reply.body)))
        }
        router.get("/client/api", use: respond)
        router.post("/client/api", use: respond)
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        let (ports, cont) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, server: server,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { ch in cont.yield(ch.localAddress?.port ?? 0) },
            logger: logger)
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var it = ports.makeAsyncIterator()
        port = await it.next() ?? 0
        self.seenBox = seenBox
        self.scheme = scheme
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// Runs `body` against a fresh server and stops it afterwards.
    static func with<T>(
        _ handler: @escaping @Sendable (SeenRequest, Int) async -> Reply,
        _ body: (TestServer) async throws -> T
    ) async throws -> T {
        let s = try await TestServer(handler)
        do { let r = try await body(s); await s.stop(); return r } catch { await s.stop(); throw error }
    }
}

/// application/x-www-form-urlencoded decoding (+ is space), for checking what was sent.
func formDecode(_ s: String) -> [(String, String)] {
    s.split(separator: "&").map { pair in
        let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return (percentDecode(String(kv[0])), kv.count > 1 ? percentDecode(String(kv[1])) : "")
    }
}

func percentDecode(_ s: String) -> String {
    var out = [UInt8]()
    var bytes = Array(s.utf8)[...]
    while let b = bytes.popFirst() {
        if b == UInt8(ascii: "+") { out.append(0x20); continue }
        if b == UInt8(ascii: "%"), bytes.count >= 2,
            let v = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
        {
            out.append(v)
            bytes = bytes.dropFirst(2)
            continue
        }
        out.append(b)
    }
    return String(decoding: out, as: UTF8.self)
}

/// Client options for a test server: fast polls and retries, API keys by default.
func testOptions(
    _ server: TestServer, credentials: Credentials = .apiKey(key: "foo", secret: "bar"),
    trace: (@Sendable (String) -> Void)? = nil
) -> ClientOptions {
    var o = ClientOptions(url: server.url, credentials: credentials, timeout: 30, trace: trace)
    o.retryBase = .milliseconds(20)
    o.retryCap = .milliseconds(100)
    o.pollFirst = .milliseconds(20)
    o.pollCap = .milliseconds(100)
    return o
}

/// Runs `body` with a client for `server`, shutting it down after.
func withClient<T: Sendable>(_ options: ClientOptions, _ body: (CloudStackClient) async throws -> T) async throws -> T {
    try await CloudStackClient.withClient(options, body)
}

/// The error `body` throws, as a CloudStackError (nil when it throws nothing or something else).
func cloudError(_ body: () async throws -> Void) async -> CloudStackError? {
    do { try await body(); return nil } catch let e as CloudStackError { return e } catch { return nil }
}
