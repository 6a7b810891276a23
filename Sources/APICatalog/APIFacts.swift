/// Facts about APIs and parameters that several modules need (dry-run, retries,
/// the simulator's events, completion, explain, name lookup): one answer each.
extension API {
    /// Whether calling this API changes nothing on the server, so dry-run may send
    /// it and a retry after a dropped connection is harmless. The verb decides,
    /// by CloudStack's own semantics:
    /// - list, get, query, search, find, is, verify only read (`findHostsForMigration`
    ///   computes candidates; `isAccountAllowedToCreateOfferingsWithTags` answers a question);
    /// - but `getUploadParamsFor*` creates the volume, template or ISO awaiting upload,
    ///   and `getDiagnosticsData` is an async job copying files to secondary storage;
    /// - the quota plugin puts every API under the verb `quota` (`quotaCredits` adds
    ///   credit, `quotaTariffUpdate` changes a tariff), so there the noun decides;
    ///   `cloudianIsEnabled` splits as verb `cloudian`.
    public var isReadOnly: Bool { API.isReadOnly(name) }

    /// `isReadOnly` from the name alone, for code that has no catalog entry at hand
    /// (the client's retries, the simulator's event log).
    public static func isReadOnly(_ name: String) -> Bool {
        let (verb, noun) = split(name)
        switch verb {
        case "list", "query", "search", "find", "is", "verify":
            return true
        case "get":
            return !noun.hasPrefix("uploadparamsfor") && noun != "diagnosticsdata"
        case "quota":
            return quotaReads.contains(noun)
        default:
            return noun == "isenabled"  // cloudianIsEnabled and any plugin's twin
        }
    }

    /// Quota plugin APIs that only read (4.18's quota plugin).
    static let quotaReads: Set<String> = [
        "isenabled", "balance", "statement", "summary", "tarifflist",
        "emailtemplatelist", "presetvariableslist",
    ]

    /// The friendly `name:` form of a parameter, when it differs from the raw name and
    /// `param(friendly:)` leads back to it: `zone` for `zoneid`, `zones` for `zoneids`.
    /// Nil when the API has a parameter of that name itself, or for plain parameters.
    public func friendlyName(of p: APIParam) -> String? {
        let lower = p.name.lowercased()
        let base: String
        if lower.hasSuffix("ids"), lower.count > 3 {
            base = String(lower.dropLast(3)) + "s"
        } else if lower.hasSuffix("id"), lower.count > 2 {
            base = String(lower.dropLast(2))
        } else {
            return nil
        }
        if param(named: base) != nil { return nil }
        return param(friendly: base)?.name == p.name ? base : nil
    }
}

extension APIParam {
    /// Whether this parameter's values are ids of another entity, so a name given
    /// instead is looked up (`zoneid`, `virtualmachineids`, and `id`/`ids` of type uuid).
    public var takesID: Bool {
        let n = name.lowercased()
        if n == "id" || n == "ids" { return type.lowercased() == "uuid" }
        return n.hasSuffix("id") || n.hasSuffix("ids")
    }
}

/// What CloudStack accepts as an entity id: a UUID, or (for parameters older than
/// 3.0) the internal number.
public enum EntityID {
    /// `8-4-4-4-12` hex digits, either case.
    public static func isUUID(_ s: String) -> Bool {
        let u = s.utf8
        guard u.count == 36 else { return false }
        for (i, c) in u.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)) {
                return false
            }
        }
        return true
    }

    /// Digits only: an internal id.
    public static func isNumber(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A value that is already an id, so no name lookup is needed.
    public static func looksLikeID(_ s: String) -> Bool { isNumber(s) || isUUID(s) }
}
