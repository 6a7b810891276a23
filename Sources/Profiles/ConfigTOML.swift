import Contracts
import TOMLKit

/// Reading and writing the config file's TOML.
enum ConfigTOML {
    static let settings = [
        "url", "api_key", "secret_key", "username", "password", "domain", "verify_tls",
        "timeout", "output", "signature_lifetime", "post", "proxy",
    ]

    static func parse(_ text: String, file: String) throws -> ProfileStore {
        let top: TOMLTable
        do {
            top = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ProfileError(
                "\(file):\(e.source.begin.line):\(e.source.begin.column): \(e.description); "
                    + "fix the file (nothing was changed)")
        }
        func fail(_ what: String, key: String, section: String? = nil) -> ProfileError {
            let line = lineOf(key: key, section: section, in: text).map { ":\($0)" } ?? ""
            return ProfileError("\(file)\(line): \(what); fix the file (nothing was changed)")
        }
        var current: String?
        var profiles: [Profile] = []
        var defaults: [String: [String: String]] = [:]
        for key in top.keys {
            switch key {
            case "current":
                guard let s = top[key]?.string else {
                    throw fail("`current` must be a profile name in quotes", key: key)
                }
                current = s
            case "profiles":
                guard let table = top[key]?.table else { throw fail("`profiles` must be a table", key: key) }
                for name in table.keys {
                    let section = "profiles.\(name)"
                    guard Profile.isValidName(name) else {
                        throw fail(
                            "profile name '\(name)' is not plain: use letters, digits, '-', '_' or '.'",
                            key: name, section: nil)
                    }
                    guard let t = table[name]?.table else {
                        throw fail("profile '\(name)' must be a table [\(section)]", key: name, section: "profiles")
                    }
                    // A nil key points at the profile's [profiles.NAME] header.
                    profiles.append(
                        try profile(name, t) { what, key in
                            key.map { fail(what, key: $0, section: section) } ?? fail(what, key: name)
                        })
                }
            case "defaults":
                guard let table = top[key]?.table else { throw fail("`defaults` must be a table", key: key) }
                for name in table.keys {
                    guard let t = table[name]?.table else {
                        throw fail(
                            "defaults of '\(name)' must be a table [defaults.\(name)]", key: name, section: "defaults")
                    }
                    for param in t.keys {
                        guard let v = t[param]?.string else {
                            throw fail(
                                "default \(param) of '\(name)' must be a string in quotes", key: param,
                                section: "defaults.\(name)")
                        }
                        defaults[name, default: [:]][param] = v
                    }
                }
            default:
                throw fail("unknown setting '\(key)' (known: current, [profiles.NAME], [defaults.NAME])", key: key)
            }
        }
        return ProfileStore(profiles: profiles, current: current, defaults: defaults)
    }

    private static func profile(
        _ name: String, _ t: TOMLTable,
        _ fail: (String, String?) -> ProfileError
    ) throws -> Profile {
        for key in t.keys where !settings.contains(key) {
            throw fail("profile '\(name)': unknown setting '\(key)' (known: \(settings.joined(separator: ", ")))", key)
        }
        func string(_ key: String) throws -> String? {
            guard let v = t[key] else { return nil }
            guard let s = v.string else { throw fail("profile '\(name)': \(key) must be a string in quotes", key) }
            return s
        }
        func bool(_ key: String) throws -> Bool? {
            guard let v = t[key] else { return nil }
            guard let b = v.bool else { throw fail("profile '\(name)': \(key) must be true or false", key) }
            return b
        }
        func seconds(_ key: String) throws -> Int? {
            guard let v = t[key] else { return nil }
            guard let i = v.int else { throw fail("profile '\(name)': \(key) must be a whole number of seconds", key) }
            return i
        }
        let output = try string("output").map { text in
            guard let f = OutputFormat(rawValue: text) else {
                throw fail(
                    "profile '\(name)': output must be one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))",
                    "output")
            }
            return f
        }
        let profile = Profile(
            name: name, url: try string("url") ?? "", apiKey: try string("api_key"),
            secretKey: try string("secret_key"), username: try string("username"),
            password: try string("password"), domain: try string("domain"),
            verifyTLS: try bool("verify_tls") ?? true, timeout: try seconds("timeout"),
            output: output, signatureLifetime: try seconds("signature_lifetime") ?? 600,
            post: try bool("post") ?? false, proxy: try string("proxy"))
        if let (setting, message) = profile.problem {
            // A missing url points at the profile's header.
            throw fail(message, t[setting] == nil ? nil : setting)
        }
        return profile
    }

    static func render(_ store: ProfileStore) -> String {
        let top = TOMLTable()
        if let current = store.current { top["current"] = current }
        let all = TOMLTable()
        for p in store.profiles {
            let t = TOMLTable()
            t["url"] = p.url
            if let v = p.apiKey { t["api_key"] = v }
            if let v = p.secretKey { t["secret_key"] = v }
            if let v = p.username { t["username"] = v }
            if let v = p.password { t["password"] = v }
            if let v = p.domain { t["domain"] = v }
            if !p.verifyTLS { t["verify_tls"] = false }
            if let v = p.timeout { t["timeout"] = v }
            if let v = p.output { t["output"] = v.rawValue }
            if p.signatureLifetime != 600 { t["signature_lifetime"] = p.signatureLifetime }
            if p.post { t["post"] = true }
            if let v = p.proxy { t["proxy"] = v }
            all[p.name] = t
        }
        if !store.profiles.isEmpty { top["profiles"] = all }
        if !store.defaults.isEmpty {
            let defaults = TOMLTable()
            for (name, values) in store.defaults.sorted(by: { $0.key < $1.key }) {
                let t = TOMLTable()
                for (k, v) in values.sorted(by: { $0.key < $1.key }) { t[k] = v }
                defaults[name] = t
            }
            top["defaults"] = defaults
        }
        return "# acsh profiles: `acsh profile add|use|remove` rewrite this file (comments are not kept).\n"
            + top.convert(to: .toml) + "\n"
    }

    /// Line (1-based) where `key` is set inside `[section]` (top level when nil), for messages.
    static func lineOf(key: String, section: String?, in text: String) -> Int? {
        var inSection = section == nil
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let name = line.drop { $0 == "[" }.prefix { $0 != "]" }.filter { $0 != " " && $0 != "\"" }
                if section == nil && name == "profiles.\(key)" { return i + 1 }
                inSection = section.map { name == $0 } ?? false
                continue
            }
            let k = line.prefix { $0 != "=" && $0 != " " && $0 != "\t" && $0 != "." }.filter { $0 != "\"" }
            if inSection, k == key { return i + 1 }
        }
        return nil
    }
}
