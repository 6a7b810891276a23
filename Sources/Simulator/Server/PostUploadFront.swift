import HTTPTypes
import HummingbirdCore
import NIOCore
import Values

/// Reads a POST upload (`/upload/UUID`) off the wire for PostUpload: the headers that authorize it,
/// and the body streamed through once, counting its bytes and looking for the file's part, so an
/// image of any size passes without being held in memory.
enum PostUploadFront {
    static let prefix = "/upload/"
    /// How much of the body's start is searched for the file part's header.
    static let headLimit = 64 << 10

    static func receive(_ request: inout Request, _ engine: Engine) async throws -> OutgoingResponse {
        if let host = request.head.authority, !Loopback.isLocalAuthority(host) { return Responses.htmlPage(403) }
        func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { request.headers[$0] } }
        var head: [UInt8] = []
        var count = 0
        if request.method == .post {
            for try await chunk in request.body {
                count += chunk.readableBytes
                if head.count < headLimit { head += chunk.readableBytesView.prefix(headLimit - head.count) }
            }
        }
        let declared = header("content-length").flatMap(Int.init) ?? 0
        let boundary = header("content-type").flatMap(multipartBoundary)
        let text = String(decoding: head, as: UTF8.self)
        // A multipart part with a filename in its Content-Disposition is the file.
        let hasFile = boundary != nil && text.lowercased().contains("filename=")
        let r = PostUpload.Request(
            method: request.method.rawValue, uuid: String(request.uri.path.dropFirst(prefix.count)),
            host: request.head.authority ?? "", signature: header("x-signature"), metadata: header("x-metadata"),
            expires: header("x-expires"), contentLength: declared > 0 ? count : declared, hasFile: hasFile)
        return engine.upload(r)
    }

    /// The boundary of a `multipart/form-data; boundary=...` content type.
    static func multipartBoundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for part in contentType.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2, String(kv[0]).trimmingSpaces().lowercased() == "boundary" {
                return String(kv[1]).trimmingSpaces()
            }
        }
        return nil
    }
}
