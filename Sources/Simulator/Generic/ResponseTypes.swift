import APICatalog
import Values
import OrderedCollections

/// Every answer's fields carry the JSON types the catalog gives them: a handler may keep a port
/// or a flag as text, but the real server writes `"startport":80` and `"isready":true`, and
/// clients compare those values with numbers and booleans (Ansible's idempotence checks do).
enum ResponseTypes {
    static func apply(_ api: API?, _ reply: Reply) -> Reply {
        guard let api, !api.responseTypes.isEmpty else { return reply }
        switch reply {
        case .object(let r):
            return .object(typedAnswer(r, api))
        case .objectSettingCookies(let r, let cookies):
            return .objectSettingCookies(typedAnswer(r, api), cookies: cookies)
        case .list(let noun, let items, let total):
            return .list(noun: noun, items: items.map { typedEntity($0, api) }, total: total)
        case .job(var spec):
            let work = spec.work
            spec.work = { store, date in typedAnswer(try work(store, date), api) }
            return .job(spec)
        }
    }

    /// `{"firewallrule": {...}}` types the entity; a flat answer (`{"success": true}`) is typed itself.
    private static func typedAnswer(_ answer: Record, _ api: API) -> Record {
        if answer.count == 1, let key = answer.keys.first, let inner = answer[key], case .record = inner {
            return [key: typedEntity(inner, api)]
        }
        return typedFields(answer, api)
    }

    private static func typedEntity(_ value: Value, _ api: API) -> Value {
        guard case .record(let r) = value else { return value }
        return .record(typedFields(r, api))
    }

    private static func typedFields(_ r: Record, _ api: API) -> Record {
        var out = r
        for (name, type) in api.responseTypes {
            guard case .string(let text)? = r[name], let typed = typed(text, type) else { continue }
            out[name] = typed
        }
        return out
    }

    /// Text that reads as the type: otherwise it stays as it was (never a made-up value).
    static func typed(_ text: String, _ type: String) -> Value? {
        switch type {
        case "boolean":
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case "integer", "long", "short":
            return Int(text).map(Value.int)
        default:
            return nil
        }
    }
}
