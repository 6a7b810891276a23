import HTTPTypes
import HummingbirdCore
import NIOCore
import Values

/// Thrown from the responder to make HummingbirdCore close the connection unanswered.
struct DropConnection: Error {}

/// Turns Hummingbird requests into engine calls and engine answers into bytes.
/// Built on HummingbirdCore directly (not the Application layer) because the
/// `Date` header must come from the simulated clock, and a fault must be able to
/// drop a connection.
enum HTTPFront {
    static let maxBody = 1 << 20

    /// `integration`: the listener of the integration port (requests need no authentication).
    static func responder(_ engine: Engine, integration: Bool = false) -> HTTPChannelHandler.Responder {
        { request, writer, _ in
            var request = request
            if request.uri.path.hasPrefix(PostUploadFront.prefix) {
                let out = try await PostUploadFront.receive(&request, engine)
                try await write(out, writer)
                return
            }
            var body: String?
            if request.method == .post {
                let buffer = try await request.collectBody(upTo: maxBody)
                body = String(buffer: buffer)
            }
            let contentType = request.headers[.contentType]
            let query = request.uri.query.map { Substring($0) } ?? ""
            var incoming = IncomingRequest(
                method: request.method.rawValue, path: request.uri.path, query: query,
                body: body, contentType: contentType, cookies: [:],
                host: request.head.authority, origin: request.headers[.origin], integration: integration)
            for header in request.headers[values: .cookie] { incoming.addCookies(header) }
            let out = engine.handle(incoming)
            if let delay = out.delay { try await Task.sleep(for: delay) }
            if out.drop { throw DropConnection() }
            try await write(out, writer)
        }
    }

    static func write(_ out: OutgoingResponse, _ writer: consuming ResponseWriter) async throws {
        let bytes = ByteBuffer(string: out.body)
        var fields = HTTPFields()
        fields[.contentType] = out.contentType
        fields[.contentLength] = String(bytes.readableBytes)
        for (name, value) in out.headers {
            if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) }
        }
        let head = HTTPResponse(status: HTTPResponse.Status(code: out.status), headerFields: fields)
        try await writer.write(response: head, body: ResponseBody(byteBuffer: bytes))
    }
}
