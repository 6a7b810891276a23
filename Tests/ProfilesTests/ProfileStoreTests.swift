import Contracts
import Foundation
import Testing
@testable import Profiles

@Suite struct ProfileStoreTests {
    static let prod = Profile(
        name: "prod", url: "https://cloud.example.com/client/api", apiKey: "AK",
        secretKey: "S3cr\"et=", timeout: 90, output: .table, signatureLifetime: 300)
    static let lab = Profile(
        name: "lab", url: "http://10.0.0.5:8080/client/api", username: "admin",
        password: "p'a \"ss\\\n", domain: "/sub", verifyTLS: false, post: true)

    @Test func roundTripThroughTheFile() throws {
        let path = try Support.tempDir() + "/deep/acsh/config.toml"
        var store = ProfileStore()
        try store.add(Self.prod)
        try store.add(Self.lab)
        #expect(store.current == "prod", "the first profile becomes current")
        try store.use("lab")
        try store.save(to: path)
        #expect(try Support.mode(path) == 0o600)
        let (loaded, warning) = try ProfileStore.load(from: path)
        #expect(warning == nil)
        #expect(loaded == store)
        #expect(loaded.names == ["lab", "prod"])
        #expect(try loaded.active()?.name == "lab")
        #expect(try loaded.active(named: "prod") == Self.prod)
        #expect(try loaded.profile(named: "lab").auth == .password)
        #expect(try loaded.profile(named: "prod").auth == .keys)
        // Saved again: nothing left behind but the file.
        try loaded.save(to: path)
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["config.toml"])
    }

    @Test func missingFileIsAnEmptyStore() throws {
        let (store, warning) = try ProfileStore.load(from: try Support.tempDir() + "/none.toml")
        #expect(store.profiles.isEmpty && store.current == nil && warning == nil)
        #expect(try store.active() == nil)
    }

    @Test func readableByOthersWarns() throws {
        let path = try Support.tempDir() + "/config.toml"
        try "[profiles.a]\nurl = \"http://x\"\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        let (store, warning) = try ProfileStore.load(from: path)
        #expect(store.names == ["a"])
        #expect(warning?.contains("chmod 600 \(path)") == true)
        #expect(warning?.contains("mode 644") == true)
    }

    @Test func syntaxErrorNamesTheLineAndKeepsTheFile() throws {
        let path = try Support.tempDir() + "/config.toml"
        let text = "current = \"a\"\n\n[profiles.a]\nurl = \"http://x\"\napi_key = \"unterminated\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let message = Support.errorText { try ProfileStore.load(from: path) }
        #expect(message?.hasPrefix("\(path):5:") == true, "\(message ?? "no error")")
        #expect(message?.contains("nothing was changed") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test(arguments: [
        (
            "[profiles.a]\nurl = \"http://x\"\nverify_tls = \"no\"\n",
            ":3: profile 'a': verify_tls must be true or false"
        ),
        ("[profiles.a]\nurl = \"http://x\"\n\ntimout = 5\n", ":4: profile 'a': unknown setting 'timout'"),
        ("[profiles.a]\napi_key = \"k\"\n", ":1: profile 'a' has no url"),
        ("[profiles.a]\nurl = \"http://x\"\noutput = \"yaml\"\n", ":3: profile 'a': output must be one of"),
        ("colour = true\n", ":1: unknown setting 'colour'"),
        ("[profiles.a]\nurl = \"http://x\"\ntimeout = -3\n", ":3: profile 'a': timeout must be a whole number"),
    ])
    func badSettingsNameTheLine(text: String, expected: String) throws {
        let path = try Support.tempDir() + "/config.toml"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let message = Support.errorText { try ProfileStore.load(from: path) }
        #expect(message?.hasPrefix(path + expected) == true, "\(message ?? "no error")")
    }

    @Test func unknownProfilesListTheKnownOnes() throws {
        var store = ProfileStore()
        #expect(
            Support.errorText { try store.profile(named: "x") }
                == "no profile 'x'; known: none yet; add one with `acsh profile add`")
        try store.add(Self.prod)
        try store.add(Self.lab)
        #expect(Support.errorText { try store.use("x") } == "no profile 'x'; known: lab, prod")
        #expect(Support.errorText { try store.remove("x") } == "no profile 'x'; known: lab, prod")
        #expect(Support.errorText { try store.active(named: "x") } == "no profile 'x'; known: lab, prod")
        #expect(Support.errorText { try store.add(Self.prod) }?.contains("exists") == true)
        #expect(
            Support.errorText { try store.add(Profile(name: "a b", url: "http://x")) }?.contains("not plain") == true)
        var changed = Self.prod
        changed.url = "https://other/client/api"
        try store.add(changed, replacing: true)
        #expect(try store.profile(named: "prod").url == "https://other/client/api")
        try store.remove("prod")
        #expect(store.current == nil && store.names == ["lab"])
    }

    @Test func listAndShowRedactSecrets() throws {
        var store = ProfileStore()
        try store.add(Self.prod)
        try store.add(Self.lab)
        #expect(
            store.listLines == [
                "  lab   http://10.0.0.5:8080/client/api", "* prod  https://cloud.example.com/client/api",
            ])
        let shown = Self.prod.redactedLines.joined(separator: "\n")
        #expect(shown.contains("secret_key = <redacted>"))
        #expect(!shown.contains("S3cr"))
        #expect(shown.contains("api_key = <redacted>"))
        let lab = Self.lab.redactedLines
        #expect(lab.contains("password = <redacted>") && !lab.joined().contains("p'a"))
        #expect(lab.contains("username = \(Self.lab.username ?? "")"))
        #expect(lab.contains("verify_tls = false") && lab.contains("post = true"))
    }

    @Test func environmentOverrides() throws {
        let env = ["CLOUDSTACK_ENDPOINT": "http://ci:8080/client/api", "CLOUDSTACK_KEY": "k", "CLOUDSTACK_SECRET": "s"]
        let fromNothing = try Profile.fromEnvironment(env)
        #expect(fromNothing?.name == "env" && fromNothing?.url == "http://ci:8080/client/api")
        #expect(fromNothing?.auth == .keys)
        let over = try Profile.fromEnvironment(["CLOUDSTACK_KEY": "k2", "CLOUDSTACK_SECRET": ""], base: Self.prod)
        #expect(over?.apiKey == "k2" && over?.secretKey == Self.prod.secretKey && over?.url == Self.prod.url)
        #expect(try Profile.fromEnvironment([:]) == nil)
        #expect(try Profile.fromEnvironment(["CLOUDSTACK_KEY": "k"]) == nil, "keys without an endpoint make no profile")
        #expect(try Profile.fromEnvironment([:], base: Self.lab) == Self.lab)
        #expect(try Profile.fromEnvironment(["CLOUDSTACK_ENDPOINT": Self.prod.url], base: Self.prod) == Self.prod)
    }

    /// Issue 16 point 9: an endpoint from the environment never gets the profile's own secrets.
    @Test func credentialsFollowTheirProfile() throws {
        let elsewhere = "https://elsewhere.example/client/api"
        for base in [Self.prod, Self.lab] {
            #expect(throws: ProfileError.self) {
                try Profile.fromEnvironment(["CLOUDSTACK_ENDPOINT": elsewhere], base: base)
            }
            let withKeys = try #require(
                try Profile.fromEnvironment(
                    ["CLOUDSTACK_ENDPOINT": elsewhere, "CLOUDSTACK_KEY": "k", "CLOUDSTACK_SECRET": "s"], base: base))
            #expect(withKeys.url == elsewhere && withKeys.apiKey == "k" && withKeys.secretKey == "s")
            #expect(withKeys.password == nil && withKeys.username == nil)
        }
        do {
            _ = try Profile.fromEnvironment(["CLOUDSTACK_ENDPOINT": elsewhere], base: Self.prod)
        } catch {
            #expect("\(error)".contains("CLOUDSTACK_ENDPOINT points profile 'prod' at \(elsewhere)"))
            #expect(!"\(error)".contains("S3cr"))
        }
    }

    @Test func authKinds() {
        #expect(Profile(name: "n", url: "u").auth == .none)
        #expect(Profile(name: "n", url: "u", apiKey: "k", secretKey: "s", username: "a", password: "p").auth == .keys)
        #expect(Profile(name: "n", url: "u", apiKey: "k", username: "a", password: "p").auth == .password)
        #expect(Profile(name: "n", url: "u", apiKey: "", secretKey: "").auth == .none)
    }
}

@Suite struct ConfigLayoutTests {
    @Test func fileLayout() throws {
        var store = ProfileStore()
        try store.add(ProfileStoreTests.prod)
        try store.add(ProfileStoreTests.lab)
        let text = ConfigTOML.render(store)
        #expect(text.contains("current = 'prod'"))
        #expect(text.contains("[profiles.prod]"))
        #expect(text.contains("secret_key = 'S3cr\"et='"))
        #expect(
            text.components(separatedBy: "\n").filter { $0.hasPrefix("[") } == ["[profiles.lab]", "[profiles.prod]"])
        #expect(try ConfigTOML.parse(text, file: "f") == store)
    }
}
