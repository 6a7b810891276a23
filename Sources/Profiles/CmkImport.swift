import Contracts
import Values

/// Reads cloudmonkey's config (~/.cmk/config, INI) so its users keep their
/// profiles. Settings outside any section or in `[core]` are defaults for every
/// profile (`profile = NAME` there names the current one); every other section
/// but `[ui]` is a profile, skipped when it has no url. Both the Go cmk keys
/// (verifycert) and the older Python ones (verifysslcert, expires) are read.
public enum CmkImport {
    public struct Result: Sendable, Equatable {
        public var profiles: [Profile]
        /// The profile cmk had selected, when it is among `profiles`.
        public var current: String?
        /// Sections skipped and why (no url, odd name), one line each.
        public var skipped: [String]
    }

    public static func parse(iniText: String, file: String = "~/.cmk/config") throws -> Result {
        let sections = try INI.parse(iniText, file: file)
        var defaults: [String: String] = [:]
        for s in sections where s.name == "" || s.name == "core" {
            defaults.merge(s.values) { _, new in new }
        }
        var profiles: [Profile] = []
        var skipped: [String] = []
        for s in sections where !["", "core", "ui"].contains(s.name) {
            let v = defaults.merging(s.values) { _, own in own }
            guard let url = nonEmpty(v["url"]) else {
                skipped.append("[\(s.name)] has no url"); continue
            }
            guard Profile.isValidName(s.name) else {
                skipped.append("[\(s.name)] is not a plain name (letters, digits, '-', '_', '.')"); continue
            }
            let output = v["output"] ?? v["display"]
            profiles.append(
                Profile(
                    name: s.name, url: url, apiKey: nonEmpty(v["apikey"]), secretKey: nonEmpty(v["secretkey"]),
                    username: nonEmpty(v["username"]), password: nonEmpty(v["password"]), domain: nonEmpty(v["domain"]),
                    verifyTLS: (v["verifycert"] ?? v["verifysslcert"]).map(isTrue) ?? true,
                    timeout: v["timeout"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil },
                    output: output.flatMap(OutputFormat.init(rawValue:)),
                    signatureLifetime: v["expires"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 600))
        }
        let current = defaults["profile"].flatMap { name in profiles.contains { $0.name == name } ? name : nil }
        return Result(profiles: profiles, current: current, skipped: skipped)
    }

    /// Reads the cmk config at `path` (see `Paths.cmkConfigFile`).
    public static func load(from path: String) throws -> Result {
        guard let text = try SecureFile.read(path) else {
            throw ProfileError("no cloudmonkey config at \(path); nothing to import")
        }
        return try parse(iniText: text, file: path)
    }

    private static func isTrue(_ s: String) -> Bool {
        ["true", "yes", "1", "on"].contains(s.lowercased())
    }
}

extension ProfileStore {
    /// Adds imported profiles; ones whose name exists are kept unless `replacing`.
    /// cmk's current profile becomes current when the store has none. Returns one
    /// line per profile (and per skipped section) saying what happened.
    public mutating func merge(_ imported: CmkImport.Result, replacing: Bool = false) -> [String] {
        var report: [String] = []
        let hadCurrent = current != nil
        for p in imported.profiles {
            let exists = names.contains(p.name)
            if exists && !replacing {
                report.append("kept existing profile '\(p.name)' (import again with replacing to overwrite)")
                continue
            }
            do {
                try add(p, replacing: true)
                report.append("\(exists ? "replaced" : "imported") profile '\(p.name)' (\(p.url))")
            } catch {
                report.append("skipped '\(p.name)': \(error)")
            }
        }
        if !hadCurrent, let c = imported.current, names.contains(c) { try? use(c) }
        return report + imported.skipped.map { "skipped \($0)" }
    }
}

/// The INI dialect cmk writes: `[section]` headers, `key = value` (or `key: value`)
/// lines, `#` and `;` comments on their own lines, keys case-insensitive.
enum INI {
    struct Section {
        var name: String
        var values: [String: String]
    }

    static func parse(_ text: String, file: String) throws -> [Section] {
        var sections = [Section(name: "", values: [:])]
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw ProfileError("\(file):\(i + 1): section header '\(line)' lacks its ']'")
                }
                sections.append(Section(name: String(line.dropFirst().dropLast()).trimmingSpaces(), values: [:]))
                continue
            }
            guard let sep = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw ProfileError("\(file):\(i + 1): expected `key = value`, found '\(line)'")
            }
            let key = line[..<sep].trimmingSpaces().lowercased()
            var value = line[line.index(after: sep)...].trimmingSpaces()
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            sections[sections.count - 1].values[key] = value
        }
        return sections
    }
}
