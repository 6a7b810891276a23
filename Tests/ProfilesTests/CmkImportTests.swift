import Contracts
import Testing
@testable import Profiles

@Suite struct CmkImportTests {
    /// Shaped like the config the Go cmk writes, with a hand-added second profile.
    static let sample = """
        prompt = 🐵
        asyncblock = true
        timeout = 1800
        output = json
        verifycert = true
        profile = prod
        autocomplete = true

        [localcloud]
        url = http://localhost:8080/client/api
        username = admin
        password = password
        domain = /
        apikey =
        secretkey =

        [prod]
        url = https://cloud.example.com/client/api
        username =
        password =
        domain = /
        apikey = 'AK-123'
        secretkey = SK=/+abc
        verifycert = false
        timeout = 60
        output = table

        ; a section without url is skipped
        [broken]
        username = x
        """

    @Test func importsProfilesWithDefaults() throws {
        let r = try CmkImport.parse(iniText: Self.sample)
        #expect(r.profiles.map(\.name) == ["localcloud", "prod"])
        #expect(r.current == "prod")
        #expect(r.skipped == ["[broken] has no url"])
        let local = r.profiles[0]
        #expect(
            local
                == Profile(
                    name: "localcloud", url: "http://localhost:8080/client/api", username: "admin",
                    password: "password", domain: "/", verifyTLS: true, timeout: 1800, output: .json))
        #expect(local.auth == .password)
        let prod = r.profiles[1]
        #expect(prod.apiKey == "AK-123" && prod.secretKey == "SK=/+abc")
        #expect(prod.verifyTLS == false && prod.timeout == 60 && prod.output == .table)
        #expect(prod.auth == .keys)
    }

    @Test func olderPythonLayout() throws {
        let text = """
            [core]
            profile = server
            asyncblock = true

            [ui]
            display = json
            color = true

            [server]
            url = https://api.example.org/client/api
            apikey = k
            secretkey = s
            expires = 900
            verifysslcert = false
            """
        let r = try CmkImport.parse(iniText: text)
        #expect(r.profiles.map(\.name) == ["server"])
        #expect(r.current == "server")
        #expect(r.profiles[0].signatureLifetime == 900 && !r.profiles[0].verifyTLS)
    }

    @Test func importedProfilesGoIntoTheStore() throws {
        let path = try Support.tempDir() + "/config"
        try Self.sample.write(toFile: path, atomically: false, encoding: .utf8)
        let r = try CmkImport.load(from: path)
        var store = ProfileStore()
        let report = store.merge(r)
        #expect(
            report == [
                "imported profile 'localcloud' (http://localhost:8080/client/api)",
                "imported profile 'prod' (https://cloud.example.com/client/api)",
                "skipped [broken] has no url",
            ])
        #expect(try store.active()?.url == "https://cloud.example.com/client/api")

        // Again: existing profiles are kept, unless replacing; the current one stays.
        try store.use("localcloud")
        #expect(store.merge(r).first == "kept existing profile 'localcloud' (import again with replacing to overwrite)")
        #expect(store.merge(r, replacing: true).first?.hasPrefix("replaced profile 'localcloud'") == true)
        #expect(store.current == "localcloud")
        #expect(
            Support.errorText { try CmkImport.load(from: path + ".none") }?.hasPrefix("no cloudmonkey config at")
                == true)
    }

    @Test func malformedLinesNameTheLine() {
        #expect(
            Support.errorText { try CmkImport.parse(iniText: "[ok]\nurl = x\njunk line\n", file: "cfg") }
                == "cfg:3: expected `key = value`, found 'junk line'")
        #expect(
            Support.errorText { try CmkImport.parse(iniText: "\n[open\n", file: "cfg") }
                == "cfg:2: section header '[open' lacks its ']'")
    }
}
