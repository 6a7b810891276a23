import APICatalog
import Contracts
import FoundationEssentials
import Values
import OrderedCollections

/// Parameter defaults, as gcloud and az have them: `set default serviceoffering
/// "Small Instance"` fills `serviceofferingid` of every command that takes it and
/// was not given it. The profile's saved defaults (from the host: the config file,
/// and the sandbox's own) are overlaid with this session's changes, which last
/// until `use` switches to another profile.
final class ParameterDefaults: @unchecked Sendable {
    private let lock = Lock()
    /// Session changes: a value, or nil for "removed here".
    private var changes: [String: String?] = [:]
    private var changedOn: String?

    /// The defaults in effect on the host's active profile, by name.
    func effective(_ host: any ShellHost) -> [(name: String, value: String)] {
        let profile = host.profileName
        var all = host.parameterDefaults
        lock.withLock {
            if changedOn != profile { changes = [:]; changedOn = profile }
            for (k, v) in changes { all[k] = v }
        }
        return all.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func set(_ name: String, _ value: String?, profile: String?) {
        lock.withLock {
            if changedOn != profile { changes = [:]; changedOn = profile }
            changes[name] = .some(value)
        }
    }

    /// The parameter a default fills in `api`: friendly (`serviceoffering` -> `serviceofferingid`)
    /// or raw. A read-only API gets a default only for a required parameter, so a default
    /// zone never narrows `list vms` without a word.
    static func parameter(_ name: String, of api: API, readOnly: Bool) -> APIParam? {
        guard let p = api.param(friendly: name) ?? api.param(named: name) else { return nil }
        return readOnly && !p.required ? nil : p
    }

    /// Whether any API of the catalog takes a parameter by this name (checked by `set default`).
    static func isKnown(_ name: String, in catalog: Catalog) -> Bool {
        catalog.allAPIs.contains { $0.param(friendly: name) != nil || $0.param(named: name) != nil }
    }
}

extension Interpreter {
    /// The defaults that fill parameters `bound` leaves out, marked as such.
    func defaultsFilling(_ api: API, _ bound: [BoundParam], at loc: SourceLocation) -> [BoundParam] {
        let readOnly = api.isReadOnly
        var out: [BoundParam] = []
        for (name, value) in defaults.effective(host) {
            guard let p = ParameterDefaults.parameter(name, of: api, readOnly: readOnly),
                !bound.contains(where: { $0.param.name == p.name }),
                !out.contains(where: { $0.param.name == p.name })
            else { continue }
            out.append(BoundParam(param: p, name: p.name, value: .string(value), location: loc, fromDefault: name))
        }
        return out
    }

    /// `set default [--save] [NAME [VALUE]]`: alone lists them; NAME alone removes one.
    func setDefault(_ words: [Value], save: Bool, _ loc: SourceLocation) throws -> Value {
        guard let name = words.first?.plainText else {
            var r = Record()
            for (k, v) in defaults.effective(host) { r[k] = .string(v) }
            return .record(r)
        }
        guard words.count <= 2 else {
            throw ScriptError(
                "usage: set default [--save] NAME VALUE (NAME alone removes it); quote a value with spaces", at: loc)
        }
        guard !SecretPolicy.isSecret(name) else {
            throw ScriptError(
                "'\(name)' holds a secret: it cannot be a default (defaults are shown and saved as plain text)", at: loc
            )
        }
        guard ParameterDefaults.isKnown(name, in: host.catalog) else {
            let names = Set(host.catalog.allAPIs.flatMap { $0.params.map(\.name) })
            let close = Catalog.suggestions(for: name, among: Array(names)).prefix(3)
            let hint = close.isEmpty ? "" : "; did you mean \(close.joined(separator: " or "))?"
            throw ScriptError("no API takes a parameter '\(name)'\(hint)", at: loc)
        }
        let value = words.count == 2 ? words[1].plainText : nil
        if save {
            do { try host.saveDefault(name, value) } catch { throw convert(error, loc) }
        }
        defaults.set(name, value, profile: host.profileName)
        return .null
    }
}
