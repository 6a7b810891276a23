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
        if api.param(named: "pagesize") != nil { try checkPaging(params) }
        if modelled { return }
        // List APIs too: an empty list would read as "you have none" and hide the gap.
        throw APIError(
            432, "The acsh simulator does not implement \(command) (it is a CloudStack API, but not modelled here)")
    }

    /// A list command takes page and pagesize together (BaseListCmd.validateSpecificParameters), except
    /// pagesize=-1, which lists everything on one page.
    static func checkPaging(_ params: RequestParams) throws(APIError) {
        let page = params.value("page"), size = params.value("pagesize")
        if page == nil, let size, Int(size) != -1 {
            throw APIError(431, "\"page\" parameter is required when \"pagesize\" is specified")
        }
        if size == nil, page != nil {
            throw APIError(431, "\"pagesize\" parameter is required when \"page\" is specified")
        }
    }

    static func checkType(_ p: APIParam, _ value: String, command: String) throws(APIError) {
        if let length = p.length, value.utf8.count > length, p.type == "string" {
            throw APIError(431, "Value of parameter \(p.name) is longer than \(length) characters", cs: 4350)
        }
        switch p.type {
        case "boolean":
            // Any value reads: the dispatcher takes Java's Boolean.valueOf, so what is not "true" is false
            // (libcloud sends `forced=None` and the server deletes the network unforced).
            break
        case "integer", "long", "short":
            // In the parameter's Java type's range, as the server's parse of it demands.
            let range =
                p.type == "integer"
                ? Call.javaInt : p.type == "short" ? Int(Int16.min)...Int(Int16.max) : Int.min...Int.max
            guard let n = Int(value), range.contains(n) else {
                throw APIError(
                    431,
                    "Unable to execute API command \(command.lowercased()) due to invalid value. "
                        + "Invalid parameter \(p.name) value=\(value) due to incorrect long value format", cs: 4350)
            }
        case "uuid":
            // Parameters older than 3.0 (no `since`) still take the internal numeric id.
            guard EntityID.isUUID(value) || (p.since == nil && Int(value) != nil) else {
                throw noEntity(p.name, value, command: command)
            }
        default: break
        }
    }

    /// A uuid parameter naming nothing: the dispatcher's words, whether the value is malformed or unknown.
    static func noEntity(_ param: String, _ value: String, command: String) -> APIError {
        APIError(
            431,
            "Unable to execute API command \(command.lowercased()) due to invalid value. "
                + "Invalid parameter \(param) value=\(value) due to incorrect long value format, or entity does "
                + "not exist or due to incorrect parameter annotation for the field in api cmd class.", cs: 4350)
    }
}
