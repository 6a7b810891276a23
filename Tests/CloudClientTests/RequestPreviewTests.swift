import Testing
@testable import CloudClient

/// `requestPreview` builds the call as `request` would, with secrets as placeholders.
@Suite struct RequestPreviewTests {
    func preview(
        _ credentials: Credentials, forcePost: Bool = false, _ params: [(String, String)] = [("name", "web 1")]
    ) async throws -> RequestPreview {
        try await CloudStackClient.withClient(
            ClientOptions(
                url: "https://user:pw@cloud.example.com", credentials: credentials,
                forcePost: forcePost)
        ) {
            $0.requestPreview("listZones", params)
        }
    }

    @Test func keysBecomePlaceholders() async throws {
        let p = try await preview(.apiKey(key: "AKEY123", secret: "SSECRET456"))
        #expect(p.method == "GET")
        #expect(
            p.curl.hasPrefix(
                "curl \"https://cloud.example.com/client/api?command=listZones&name=web%201&response=json&apiKey=$KEY&signatureVersion=3&expires="
            ))
        #expect(p.curl.hasSuffix("&signature=$SIGNATURE\""))
        for secret in ["AKEY123", "SSECRET456", "pw@"] { #expect(!p.curl.contains(secret)) }
        #expect(p.bytes > p.form.count - 40)  // the real signature is counted, not the placeholder
    }

    @Test func longValuesGoByPostAtTheClientsThreshold() async throws {
        let long = String(repeating: "a", count: Wire.maxQueryBytes)
        let p = try await preview(.apiKey(key: "k", secret: "s"), [("keyword", long)])
        #expect(p.method == "POST")
        #expect(
            p.curl.hasPrefix(
                "curl -X POST \"https://cloud.example.com/client/api\" --data \"command=listZones&keyword=aaa"))
        #expect(try await preview(.apiKey(key: "k", secret: "s"), forcePost: true).method == "POST")
    }

    @Test func passwordsAndSessionsAreHidden() async throws {
        let p = try await preview(
            .password(username: "admin", password: "hunter2", domain: nil),
            [("password", "x1"), ("userdata", "abc")])
        #expect(p.form.contains("password=$PASSWORD&userdata=$USERDATA&response=json&sessionkey=$SESSIONKEY"))
        #expect(!p.curl.contains("hunter2") && !p.curl.contains("x1"))
        #expect(p.notes.contains { $0.contains("login") })
    }
}
