import OrderedCollections
import Values

/// The old generic network device commands (ExternalNetworkDeviceManagerImpl). In 4.18 they are husks:
/// without a parameter map they refuse, the add makes nothing and the list finds nothing the command can
/// render, the delete only looks the host up and answers success. Where the server then trips over the
/// null it made itself, the source gives no words of its own: the internal-error words the server shows
/// for an unexpected exception are used.
enum NetworkDeviceAPIs {
    static let mapParam = "networkdeviceparameterlist"

    static let handlers: [Handler] = [
        Handler("addNetworkDevice") { c throws(APIError) in
            try parameters(c)
            throw APIError.internalError(APIError.userErrorMessage)
        },
        Handler("listNetworkDevice") { c throws(APIError) in
            try parameters(c)
            let type = c.optional("networkdevicetype")
            if let type, !["externaldhcp", "pxeserver"].contains(type.lowercased()) {
                throw APIError.internalError("Unknown network device type:\(type)")
            }
            throw APIError.internalError(APIError.userErrorMessage)
        },
        Handler("deleteNetworkDevice") { c throws(APIError) in
            _ = try ServiceProviderAPIs.known(c, "id", "host")
            return .object(["success": .bool(true)])
        },
    ]

    /// The manager's first step: the parameter map must be there.
    static func parameters(_ c: Call) throws(APIError) {
        if c.params.map(mapParam).isEmpty { throw APIError.internalError("Parameter list is null") }
    }
}
