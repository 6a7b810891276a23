import Simulator
import TestSupport
import Testing
import Values

/// getUploadParamsForVolume/Template/Iso and the upload endpoint they point at: a client really
/// posts the file, the storage side checks the signed headers as the storage VM does.
@Suite struct UploadParamsTests {
    static let boundary = "acsh-upload-boundary"

    /// A multipart/form-data body holding one file part.
    static func form(_ content: String) -> String {
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"disk.qcow2\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
    }

    static func post(_ c: TestClient, _ grant: Value, body: String, headers: Bool = true, signature: String? = nil)
        async throws -> TestClient.Reply
    {
        var h = [("Content-Type", "multipart/form-data; boundary=\(boundary)")]
        if headers {
            h += [
                ("X-signature", signature ?? grant[field: "signature"]?.text ?? ""),
                ("X-metadata", grant[field: "metadata"]?.text ?? ""),
                ("X-expires", grant[field: "expires"]?.text ?? ""),
            ]
        }
        return try await c.send(method: .POST, url: grant[field: "postURL"]?.text ?? "", body: body, headers: h)
    }

    /// Polls `check` until it holds (the storage processes an upload over a few job times).
    static func eventually(_ check: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if try await check() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func aVolumeIsUploadedByPostingTheFileWithTheSignedHeaders() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let answer = try await dev.get(
                "getUploadParamsForVolume", [("name", "uploaded-1"), ("zoneid", zone), ("format", "QCOW2")])
            let grant = try #require(answer.inner["getuploadparams"], "\(answer.body)")
            let id = try #require(grant[field: "id"]?.text)
            #expect(grant[field: "postURL"]?.text?.hasSuffix("/upload/\(id)") == true)
            #expect(grant[field: "expires"]?.text?.hasSuffix("Z") == true)
            #expect(try await dev.value("listVolumes", [("id", id)], "volume.0.state") == "NotUploaded")

            let bare = try await Self.post(c, grant, body: Self.form("x"), headers: false)
            #expect(bare.status == 400)
            #expect(bare.body == "signature, metadata and expires are compulsory fields.")
            let forged = try await Self.post(c, grant, body: Self.form("x"), signature: "AAAA")
            #expect(forged.body == "signature validation failed.")

            let content = String(repeating: "q", count: 4096)
            let sent = try await Self.post(c, grant, body: Self.form(content))
            #expect(sent.status == 200)
            #expect(sent.body == "upload successful.")
            // The storage processes the file over a few job times (already done on a slow machine).
            let processing = try await dev.value("listVolumes", [("id", id)], "volume.0.state")
            #expect(["UploadInProgress", "Uploaded"].contains(processing))
            #expect(
                try await Self.eventually {
                    try await dev.value("listVolumes", [("id", id)], "volume.0.state") == "Uploaded"
                })
            #expect(
                try await dev.value("listVolumes", [("id", id)], "volume.0.size")
                    == String(Self.form(content).utf8.count))
            let again = try await Self.post(c, grant, body: Self.form(content))
            #expect(again.status == 400)
            #expect(again.body == "The one time post url is already used")

            // A fixed-size offering is refused: the file decides the size.
            let small = try await c.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
            let fixed = try await dev.get(
                "getUploadParamsForVolume",
                [("name", "u2"), ("zoneid", zone), ("format", "QCOW2"), ("diskofferingid", small)])
            #expect(fixed.inner["errortext"]?.text == "Please specify a custom sized disk offering.")
        }
    }

    @Test func aTemplateWaitsForItsUploadThenBecomesReady() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let os = try await c.value("listOsTypes", [], "ostype.0.id")
            let answer = try await c.get(
                "getUploadParamsForTemplate",
                [
                    ("name", "up-tmpl"), ("displaytext", "uploaded"), ("zoneid", zone), ("format", "QCOW2"),
                    ("hypervisor", "Simulator"), ("ostypeid", os),
                ])
            let grant = try #require(answer.inner["getuploadparams"], "\(answer.body)")
            let id = try #require(grant[field: "id"]?.text)
            let listed = [("templatefilter", "self"), ("id", id)]
            #expect(try await c.value("listTemplates", listed, "template.0.status") == "NotUploaded")
            #expect(try await c.value("listTemplates", listed, "template.0.isready") == "false")
            // Past its expiry the grant is worthless.
            _ = try await c.get("simulatorFault", [("clockoffset", "3601")])
            #expect(try await Self.post(c, grant, body: Self.form("t")).body == "request not valid anymore.")
            _ = try await c.get("simulatorFault", [("clockoffset", "0")])
            // A body without a file part.
            let noFile = try await Self.post(c, grant, body: "--\(Self.boundary)--\r\n")
            #expect(noFile.status == 422)
            #expect(noFile.body == "received entity is not a file")
            let isoGrant = try #require(
                try await c.get(
                    "getUploadParamsForIso",
                    [("name", "up-iso"), ("displaytext", "iso"), ("zoneid", zone), ("ostypeid", os), ("format", "ISO")]
                ).inner["getuploadparams"])
            #expect(try await Self.post(c, isoGrant, body: Self.form("iso-bytes")).status == 200)
            let isoID = try #require(isoGrant[field: "id"]?.text)
            #expect(
                try await Self.eventually {
                    try await c.value("listIsos", [("isofilter", "self"), ("id", isoID)], "iso.0.isready") == "true"
                })
            // Users post too; a GET is not an upload.
            let get = try await c.send(method: .GET, url: isoGrant[field: "postURL"]?.text ?? "", body: nil)
            #expect(get.body == "only post requests are allowed")
        }
    }
}
