import Crypto
import FoundationEssentials
import OrderedCollections
import Values

/// The secondary storage's upload endpoint (`POST /upload/UUID`), which the simulator serves itself:
/// getUploadParamsFor* grant a one-time upload (`grant`), a client posts the file as multipart form
/// data with the X-signature, X-metadata and X-expires headers, and `receive` checks them as the
/// storage VM does, then the volume or image takes the file (Uploaded / Download Complete).
enum PostUpload {
    /// Granted uploads by entity id: kind, metadata, expiry, whether the one-time URL was used.
    static let noun = "postupload"
    static let keyNoun = "postuploadkey"
    /// upload.operation.timeout's default, in minutes.
    static let timeoutMinutes = 60.0

    /// What the HTTP front read off an upload request (the file's bytes are counted, not kept).
    struct Request: Sendable {
        var method: String
        var uuid: String
        /// The Host the client used: the signature covers the URL as the client posts to it.
        var host: String
        var signature: String?
        var metadata: String?
        var expires: String?
        var contentLength: Int
        /// A multipart part with a filename came in (the file).
        var hasFile: Bool
    }

    /// The `getuploadparams` object: the URL to post to and the headers that authorize it.
    static func grant(_ c: Call, kind: String, id: String, name: String, format: String) -> Value {
        let url = "http://\(c.request.host ?? "127.0.0.1")/upload/\(id)"
        let expiry = c.now.addingTimeInterval(timeoutMinutes * 60)
        let expires = jodaTime(expiry)
        // The real metadata is the post-upload command encrypted with the storage VM's key; the client
        // only passes it back. Here it is that command's facts, base64-encoded, and the signature covers it.
        let command: Value = .record([
            "entityUUID": .string(id), "type": .string(kind), "name": .string(name), "format": .string(format),
            "dataToRole": .string("Image"), "processTimeout": .int(3600), "maxUploadSize": .string("500"),
        ])
        let metadata = Data(JSONWriter.compact(command).utf8).base64EncodedString()
        c.store.table(noun).put(
            Entity(
                id: id,
                fields: [
                    "kind": .string(kind), "expires": .string(expires), "used": .bool(false),
                ]))
        return .record([
            "id": .string(id), "postURL": .string(url), "metadata": .string(metadata), "expires": .string(expires),
            "signature": .string(sign(metadata + url + expires, c.store)),
        ])
    }

    /// Checks and takes one upload, in the storage VM's words: 400 for a refused request, 422 without
    /// a file, 200 "upload successful." once the entity has it.
    static func receive(_ r: Request, _ store: Store, now: Date) -> OutgoingResponse {
        func answer(_ status: Int, _ text: String) -> OutgoingResponse {
            OutgoingResponse(status: status, contentType: "text/plain; charset=UTF-8", body: text)
        }
        guard r.method == "POST" else { return answer(400, "only post requests are allowed") }
        guard let signature = r.signature, let metadata = r.metadata, let expires = r.expires, !signature.isEmpty,
            !metadata.isEmpty, !expires.isEmpty
        else {
            return answer(400, "signature, metadata and expires are compulsory fields.")
        }
        guard r.contentLength > 0 else {
            return answer(400, "content length is not set in the request or has invalid value.")
        }
        let url = "http://\(r.host)/upload/\(r.uuid)"
        guard let grant = store.table(noun).get(r.uuid), sign(metadata + url + expires, store) == signature else {
            return answer(400, "signature validation failed.")
        }
        guard let until = SimClock.parseCloudStackTime(expires), until > now else {
            return answer(400, "request not valid anymore.")
        }
        guard grant["used"] != "true" else { return answer(400, "The one time post url is already used") }
        store.table(noun).update(r.uuid) { $0.fields["used"] = .bool(true) }
        guard r.hasFile else { return answer(422, "received entity is not a file") }
        take(store, grant, bytes: r.contentLength, now: now)
        return answer(200, "upload successful.")
    }

    /// The entity has its data: a volume is UploadInProgress until the storage has processed it, then
    /// Uploaded; an image processes like a download in its zone, then is ready.
    static func take(_ store: Store, _ grant: Entity, bytes: Int, now: Date) {
        let start = now.timeIntervalSince1970, end = start + store.imageDownloadSeconds
        if grant["kind"] == "VOLUME" {
            store.table("volume").update(grant.id) {
                $0.fields["state"] = .string("UploadInProgress")
                $0.fields["size"] = .int(bytes)
            }
            store.insert(
                VolumeTransferAPIs.uploadNoun, ["started": .number(Number(start)), "finishes": .number(Number(end))],
                id: grant.id)
            return
        }
        let table = grant["kind"] == "ISO" ? "iso" : "template"
        store.table(table).update(grant.id) { $0.fields["size"] = .int(bytes) }
        for row in store.table(Store.imageZoneNoun).rows where row["imageid"] == grant.id {
            store.table(Store.imageZoneNoun).update(row.id) {
                $0.fields["upload"] = nil
                $0.fields["started"] = .number(Number(start))
                $0.fields["finishes"] = .number(Number(end))
            }
        }
    }

    /// HMAC-SHA1 of `data` with the storage VM's key, base64 (the server's EncryptionUtil.generateSignature).
    static func sign(_ data: String, _ store: Store) -> String {
        let key = SymmetricKey(data: Data(secret(store).utf8))
        return Data(HMAC<Insecure.SHA1>.authenticationCode(for: Data(data.utf8), using: key)).base64EncodedString()
    }

    /// The key shared with the storage VM (security.post.upload.key), made once per cloud.
    static func secret(_ store: Store) -> String {
        if let k = store.table(keyNoun).get("key")?["value"] { return k }
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        let k = Data(bytes).base64EncodedString()
        store.table(keyNoun).put(Entity(id: "key", fields: ["value": .string(k)]))
        return k
    }

    /// Joda's DateTime.toString in UTC: `2024-01-02T03:04:05.678Z`.
    static func jodaTime(_ d: Date) -> String {
        let ms = Int((d.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        let msText = String(repeating: "0", count: 3 - String(ms).count) + String(ms)
        return String(SimClock.cloudStackTime(d).prefix(19)) + "." + msText + "Z"
    }
}
