import FoundationEssentials
import Values

/// Variables of one scope; locked because `each -p N` bodies run at once
/// and may assign to outer variables.
public final class Scope: @unchecked Sendable {
    let parent: Scope?
    private var vars: [String: Value] = [:]
    private let lock = Lock()

    init(parent: Scope?) {
        self.parent = parent
    }

    func lookup(_ name: String) -> Value? {
        var s: Scope? = self
        while let cur = s {
            cur.lock.lock()
            let v = cur.vars[name]
            cur.lock.unlock()
            if let v { return v }
            s = cur.parent
        }
        return nil
    }

    /// Assigns where the name is already defined, else defines it here.
    func assign(_ name: String, _ value: Value) {
        var s: Scope? = self
        while let cur = s {
            cur.lock.lock()
            if cur.vars[name] != nil {
                cur.vars[name] = value
                cur.lock.unlock()
                return
            }
            cur.lock.unlock()
            s = cur.parent
        }
        define(name, value)
    }

    func define(_ name: String, _ value: Value) {
        lock.lock()
        vars[name] = value
        lock.unlock()
    }

    /// Every visible variable, inner scopes hiding outer ones.
    func all() -> [String: Value] {
        var out = parent?.all() ?? [:]
        lock.lock()
        for (k, v) in vars { out[k] = v }
        lock.unlock()
        return out
    }
}

/// Non-local exits, thrown through the statement walker.
enum Flow: Error {
    case returned(Value)
    case breakLoop
    case continueLoop
    case exit(Int32)
}

/// A function defined with `def`.
final class FunctionValue: OpaqueValue, @unchecked Sendable {
    let name: String
    let params: [String]
    let body: [Stmt]
    let location: SourceLocation

    init(name: String, params: [String], body: [Stmt], location: SourceLocation) {
        self.name = name
        self.params = params
        self.body = body
        self.location = location
    }

    var typeName: String { "function" }
    var displayValue: Value { .string("<function \(name)(\(params.joined(separator: ", ")))>") }
}
