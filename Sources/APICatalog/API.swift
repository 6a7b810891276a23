/// One parameter of an API, as listApis describes it.
public struct APIParam: Sendable, Hashable {
    public var name: String
    /// CloudStack's type name: string, uuid, integer, long, boolean, list, map, date, ...
    public var type: String
    public var required: Bool
    /// Longest value the server accepts, when it says.
    public var length: Int?
    /// APIs that produce or act on values of this parameter (`listZones` for `zoneid`).
    public var related: [String]
    /// The server version the parameter appeared in; a UUID-only id when set (see PROTOCOL.md).
    public var since: String?
    /// Only in catalogs synced from a server; the bundled one ships facts only.
    public var description: String?

    public init(
        name: String, type: String, required: Bool = false, length: Int? = nil,
        related: [String] = [], since: String? = nil, description: String? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.length = length
        self.related = related
        self.since = since
        self.description = description
    }
}

/// One API command (`deployVirtualMachine`), split into verb and noun the way
/// CloudStack tools do: the verb is the leading lowercase run of the name.
public struct API: Sendable, Hashable {
    public var name: String
    /// `deploy` for `deployVirtualMachine`.
    public var verb: String
    /// `virtualmachine` for `deployVirtualMachine`: the rest of the name, lowercased.
    public var noun: String
    public var isAsync: Bool
    public var params: [APIParam]
    /// Top-level field names of one response object.
    public var responseFields: [String]
    /// The fields the server sends as JSON numbers or booleans, by name (`startport` -> `integer`);
    /// every other field is text.
    public var responseTypes: [String: String] = [:]
    public var related: [String]
    public var since: String?
    public var description: String?

    public init(
        name: String, isAsync: Bool = false, params: [APIParam] = [], responseFields: [String] = [],
        responseTypes: [String: String] = [:], related: [String] = [], since: String? = nil,
        description: String? = nil
    ) {
        self.name = name
        (verb, noun) = API.split(name)
        self.isAsync = isAsync
        self.params = params
        self.responseFields = responseFields
        self.responseTypes = responseTypes
        self.related = related
        self.since = since
        self.description = description
    }

    /// Verb and lowercased noun of an API name: `listApis` -> (`list`, `apis`),
    /// `getVMPassword` -> (`get`, `vmpassword`).
    public static func split(_ name: String) -> (verb: String, noun: String) {
        let u = name.utf8
        let cut = u.firstIndex { !(0x61...0x7A).contains($0) } ?? u.endIndex
        return (String(name[..<cut]), String(name[cut...]).lowercased())
    }

    /// The parameter with this name, ignoring case.
    public func param(named name: String) -> APIParam? {
        if let p = params.first(where: { $0.name == name }) { return p }
        let lower = name.lowercased()
        return params.first { $0.name.lowercased() == lower }
    }

    /// The response field types worth keeping: those JSON does not write as strings.
    public static let typedResponseKinds: Set<String> = ["boolean", "integer", "long", "short", "double", "float"]

    public var requiredParams: [APIParam] { params.filter(\.required) }

    /// The parameter a friendly `name:` argument stands for: the parameter itself
    /// when it exists, else its id form (`zone` -> `zoneid`, `zones` -> `zoneids`),
    /// also through a noun alias (`vm` -> `virtualmachineid`).
    public func param(friendly name: String) -> APIParam? {
        if let p = param(named: name) { return p }
        let lower = name.lowercased()
        var bases = [lower]
        if let a = NounForms.alias(of: lower) { bases.append(a) }
        for base in bases {
            for suffix in ["id", "ids"] {
                if let p = param(named: base + suffix) { return p }
            }
        }
        // `vms:` -> `virtualmachineids`: a plural names the list form of the id.
        for s in NounForms.singulars(of: lower) {
            for base in [s, NounForms.alias(of: s)].compactMap({ $0 }) {
                if let p = param(named: base + "ids") { return p }
            }
        }
        return nil
    }
}
