import APICatalog
import Values

/// What the bundled catalog says about a command before any handler runs: required
/// parameters, value types, and what to answer for APIs the simulator does not model.
enum CatalogCheck {
    /// Returns when the handler may run; unmodelled APIs (lists included) answer 432 saying so.
    static func check(_ command: String, _ api: API?, _ params: RequestParams, modelled: Bool) throws(APIError) {
        guard let api, api.name == command else {
            if modelled { return }
            throw APIAccess.notAvailable
        }
        // Missing parameters are reported before bad values, as the server's dispatcher does.
        for p in api.params where p.required && params.value(p.name) == nil {
            if p.type == "map", !params.map(p.name).isEmpty { continue }
            throw APIError.missing(p.name, command: command)
        }
        for p in api.params {
            if let value = params.value(p.name) { try checkType(p, value, command: command) }
        }
        if modelled { return }
        // List APIs too: an empty list would read as "you have none" and hide the gap.
        throw APIError(432, "The acsh simulator does not implement \(command) (it is a CloudStack API, but not modelled here)")
    }

    static func checkType(_ p: APIParam, _ value: String, command: String) throws(APIError) {
        if let length = p.length, value.utf8.count > length, p.type == "string" {
            throw APIError(431, "Value of parameter \(p.name) is longer than \(length) characters", cs: 4350)
        }
        switch p.type {
        case "boolean":
            guard value.lowercased() == "true" || value.lowercased() == "false" else {
                throw APIError(431, "Unable to execute API command \(command.lowercased()) due to invalid value. "
                    + "Invalid parameter \(p.name) value=\(value): it must be true or false", cs: 4350)
            }
        case "integer", "long", "short":
            guard Int(value) != nil else {
                throw APIError(431, "Unable to execute API command \(command.lowercased()) due to invalid value. "
                    + "Invalid parameter \(p.name) value=\(value) due to incorrect long value format", cs: 4350)
            }
        case "uuid":
            // Parameters older than 3.0 (no `since`) still take the internal numeric id.
            guard EntityID.isUUID(value) || (p.since == nil && Int(value) != nil) else { throw noEntity(p.name, value, command: command) }
        default: break
        }
    }

    /// A uuid parameter naming nothing: the dispatcher's words, whether the value is malformed or unknown.
    static func noEntity(_ param: String, _ value: String, command: String) -> APIError {
        APIError(431, "Unable to execute API command \(command.lowercased()) due to invalid value. "
            + "Invalid parameter \(param) value=\(value) due to incorrect long value format, or entity does "
            + "not exist or due to incorrect parameter annotation for the field in api cmd class.", cs: 4350)
    }

    /// listApis in the live server's shape: {"count": N, "api": [...]}, from the bundled catalog.
    static func listApis(_ c: Call) throws(APIError) -> Reply {
        let name = c.optional("name")
        let apis = (name.map { n in Catalog.bundled.api(named: n).map { [$0] } ?? [] } ?? Catalog.bundled.allAPIs)
            .filter { APIAccess.allowed($0.name, for: c.caller.role) }
        let items: [Value] = apis.map { a in
            var r: Record = ["name": .string(a.name), "description": .string(a.description ?? ""),
                             "isasync": .bool(a.isAsync), "related": .string(a.related.joined(separator: ","))]
            if let since = a.since { r["since"] = .string(since) }
            r["params"] = .list(a.params.map { p in
                var pr: Record = ["name": .string(p.name), "description": .string(p.description ?? ""),
                                  "type": .string(p.type), "length": .int(p.length ?? 255), "required": .bool(p.required)]
                if let since = p.since { pr["since"] = .string(since) }
                if !p.related.isEmpty { pr["related"] = .string(p.related.joined(separator: ",")) }
                return .record(pr)
            })
            r["response"] = .list(a.responseFields.map { .record(["name": .string($0), "description": .string("")]) })
            return .record(r)
        }
        return .list(noun: "api", items: items, total: items.count)
    }
}
