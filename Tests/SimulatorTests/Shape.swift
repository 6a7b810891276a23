import FoundationEssentials
import Values

/// Compares the shape of a simulator answer with a response recorded from a real
/// server: every field of the fixture must be there with the same JSON kind.
/// Values are not compared (the fixtures come from other clouds).
enum Shape {
    static let fixtures = "/work/shared/fixtures/libcloud-cloudstack/"

    static func fixture(_ name: String) throws -> Value {
        let path = ProcessInfo.processInfo.environment["ACSH_FIXTURES"].map { $0 + "/" } ?? fixturesDir()
        let data = try Data(contentsOf: URL(fileURLWithPath: path + name + ".json"))
        return try JSONParser.parse(Array(data))
    }

    /// shared/ sits next to the repository (see COORDINATION and CI layout): walk up from this file.
    static func fixturesDir() -> String {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("shared/fixtures/libcloud-cloudstack")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path + "/" }
            dir = dir.deletingLastPathComponent()
        }
        return fixtures
    }

    /// The first record of a list answer (`{"count":..,"zone":[{...}]}`), or the object itself.
    static func firstRecord(_ inner: Value) -> Value {
        for (_, v) in inner.record ?? [:] {
            if let first = v.list?.first, first.record != nil { return first }
        }
        return inner
    }

    /// Problems found, as `path: what`; empty when the shapes agree.
    /// - optional: fixture fields the simulator may leave out (state-dependent or version-dependent ones).
    /// - looseTypes: fields whose JSON kind changed between CloudStack versions (string ports in old servers).
    static func problems(
        fixture: Value, actual: Value, path: String = "", optional: Set<String> = [],
        looseTypes: Set<String> = []
    ) -> [String] {
        switch (fixture, actual) {
        case (.record(let f), .record(let a)):
            var out: [String] = []
            for (k, fv) in f {
                let p = path.isEmpty ? k : path + "." + k
                guard let av = a[k] else {
                    if !optional.contains(k) && !optional.contains(p) { out.append("\(p): missing") }
                    continue
                }
                if looseTypes.contains(k) || isIdentifier(k) && isScalar(fv) && isScalar(av) { continue }
                out += problems(fixture: fv, actual: av, path: p, optional: optional, looseTypes: looseTypes)
            }
            return out
        case (.list(let f), .list(let a)):
            guard let ff = f.first, let af = a.first else { return [] }
            return problems(fixture: ff, actual: af, path: path + "[0]", optional: optional, looseTypes: looseTypes)
        case (.null, _), (_, .null):
            return []
        default:
            return fixture.typeName == actual.typeName
                ? [] : ["\(path): \(fixture.typeName) in the fixture, \(actual.typeName) here"]
        }
    }

    /// Old servers sent numeric ids, current ones UUID strings: both are fine for an id.
    static func isIdentifier(_ k: String) -> Bool { k == "id" || k.hasSuffix("id") || k == "jobid" }

    static func isScalar(_ v: Value) -> Bool {
        switch v {
        case .number, .string: true;
        default: false
        }
    }
}
