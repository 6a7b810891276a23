import APICatalog
import REPL
import Values

/// The session as completion sees it, filled in by each test.
struct TestContext: CompletionContext {
    var catalog: Catalog = .bundled
    var profileName = "test"
    var variables: [String: Value] = [:]
    var stageNames = [
        "where", "select", "sort", "first", "last", "count", "get", "uniq", "group", "each",
        "json", "table", "csv", "text",
    ]
    var builtinNames = ["print", "echo", "set", "use", "sync", "help", "source", "sleep", "vars", "exit", "wait"]
    var currentDirectory = "/"
    var valueSource: (any ValueSource)? = nil

    var variableNames: [String] { variables.keys.sorted() }
    func variable(named name: String) -> Value? { variables[name] }
}

/// Records a list API returns, after an optional delay; counts its calls.
final class RecordSource: ValueSource {
    let records: [String: [Value]]
    let delay: Duration
    let calls = Counter()

    init(_ records: [String: [Value]], delay: Duration = .zero) {
        self.records = records
        self.delay = delay
    }

    func records(listAPI: String) async throws -> [Value] {
        calls.bump()
        if delay > .zero { try await Task.sleep(for: delay) }
        return records[listAPI] ?? []
    }
}

import Synchronization
final class Counter: Sendable {
    private let n = Mutex(0)
    func bump() { n.withLock { $0 += 1 } }
    var value: Int { n.withLock { $0 } }
}

func record(_ fields: [(String, Value)]) -> Value {
    var r = Record()
    for (k, v) in fields { r[k] = v }
    return .record(r)
}

let sandboxZones: [Value] = [
    record([("id", .string("1f6f3c6a-0001")), ("name", .string("Sandbox-1"))]),
    record([("id", .string("2a9b4d7e-0002")), ("name", .string("Sandbox-2"))]),
]
