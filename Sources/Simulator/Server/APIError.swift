/// A CloudStack API error: HTTP status and `errorcode` are the same number,
/// `cserrorcode` is the Java exception's code (CSExceptionErrorCode).
struct APIError: Error {
    var code: Int
    var csCode: Int
    var text: String
    /// An exception the server's API layer does not wrap (a CloudRuntimeException and the like):
    /// a synchronous command shows its text to the root admin only (ApiServer.handleRequest).
    var unwrapped = false

    init(_ code: Int, _ text: String, cs: Int = 9999) {
        self.code = code
        self.csCode = cs
        self.text = text
    }

    static let unauthorized = APIError(401, "unable to verify user credentials and/or request signature")

    static func missing(_ param: String, command: String) -> APIError {
        APIError(431, "Unable to execute API command \(command.lowercased()) due to missing parameter \(param)")
    }

    static func invalid(_ param: String, _ why: String) -> APIError {
        APIError(431, "Unable to execute API command due to invalid value for parameter \(param): \(why)", cs: 4350)
    }

    /// An InvalidParameterValueException in the server's own words (431, no prefix), e.g. a wrong VM state.
    static func refused(_ text: String) -> APIError { APIError(431, text, cs: 4350) }

    static func notFound(_ what: String, id: String, param: String) -> APIError {
        APIError(431, "Unable to find \(what) with specified id \(id) (parameter \(param))", cs: 4350)
    }

    static func inUse(_ text: String) -> APIError { APIError(536, text, cs: 4375) }
    static func unavailable(_ text: String) -> APIError { APIError(534, text, cs: 4380) }
    static func capacity(_ text: String) -> APIError { APIError(533, text, cs: 4325) }
    static func internalError(_ text: String) -> APIError { APIError(530, text, cs: 4250) }

    /// A CloudRuntimeException (or another unwrapped exception) thrown while a command runs.
    static func unhandled(_ text: String) -> APIError {
        var e = internalError(text)
        e.unwrapped = true
        return e
    }

    /// What the server tells callers other than the root admin instead of an unwrapped exception's text.
    static let userErrorMessage = "Internal error executing command, please contact your system administrator"

    /// This error as `caller` sees it when a synchronous command throws it.
    func shown(to caller: Caller) -> APIError {
        guard unwrapped, caller.role != .rootAdmin else { return self }
        var e = self
        e.text = Self.userErrorMessage
        return e
    }
    static func conflict(_ text: String) -> APIError { APIError(537, text, cs: 4360) }
    static func permission(_ text: String) -> APIError { APIError(531, text, cs: 4365) }

    /// cserrorcode the server uses for each errorcode when a fault injects one.
    static func injected(_ code: Int) -> APIError {
        let cs = [431: 4350, 530: 4250, 531: 4365, 532: 4370, 533: 4325, 534: 4380, 535: 4370, 536: 4375, 537: 4360]
        return APIError(code, "Simulated failure (fault injection, errorcode \(code))", cs: cs[code] ?? 9999)
    }
}
