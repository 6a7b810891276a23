import FoundationEssentials
import PrivateFiles
import Values
#if canImport(Glibc)
    import Glibc
    import OrderedCollections
#endif

/// Where a learner is in the tour, one file per profile (JSON, mode 0600):
/// the current step, the steps done and skipped, and the ids the checks found
/// (the tour's VM, its root volume) so later steps follow the same resources.
struct TourProgress: Equatable {
    var current: String
    var done: [String] = []
    var skipped: [String] = []
    var remembered: [String: String] = [:]

    static func start(_ steps: [TourStep]) -> TourProgress { TourProgress(current: steps[0].id) }

    /// The saved progress, nil when there is none (or it names no known step: the tour changed).
    static func load(_ path: String, steps: [TourStep]) throws -> TourProgress? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptError("cannot read the tour progress \(path): check its permissions, or `tour reset`")
        }
        let value: Value
        do { value = try JSONParser.parse(Array(data)) } catch {
            throw ScriptError("the tour progress \(path) is not valid JSON (\(error)): `tour reset` starts over")
        }
        guard let current = value[field: "current"]?.string else {
            throw ScriptError("the tour progress \(path) names no current step: `tour reset` starts over")
        }
        let known = Set(steps.map(\.id))
        guard known.contains(current) || current == TourProgress.finished else { return nil }
        func strings(_ key: String) -> [String] {
            value[field: key]?.list?.compactMap(\.string).filter(known.contains) ?? []
        }
        var remembered: [String: String] = [:]
        for (k, v) in value[field: "remembered"]?.record ?? [:] { remembered[k] = v.plainText }
        return TourProgress(
            current: current, done: strings("done"), skipped: strings("skipped"), remembered: remembered)
    }

    /// Written whole through a temporary file created 0600 (folders 0700), then renamed.
    func save(_ path: String) throws {
        var r: Record = [
            "version": .int(1), "current": .string(current),
            "done": .list(done.map { .string($0) }), "skipped": .list(skipped.map { .string($0) }),
        ]
        var rem: Record = [:]
        for k in remembered.keys.sorted() { rem[k] = .string(remembered[k]!) }
        r["remembered"] = .record(rem)
        try Self.writePrivate(JSONWriter.pretty(.record(r)) + "\n", to: path)
    }

    static func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw ScriptError("cannot remove the tour progress \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The marker for "every step done".
    static let finished = "finished"

    private static func writePrivate(_ text: String, to path: String) throws {
        do {
            try PrivateFile.replace(path, with: Array(text.utf8))
        } catch {
            throw ScriptError(
                "cannot write the tour progress \(path): \(error.problem); check the folder's permissions")
        }
    }
}
