import APICatalog
import Values
import OrderedCollections

/// A family of APIs acting on one kind of stored entity, found in the catalog by noun:
/// `listVPCs` names the family (its item key `vpc` is also the table), and `createVPC`,
/// `updateVPC`, `deleteVPC` join it because their noun is the list's noun in the singular.
struct Family: Sendable {
    let list: API
    /// The list answer's item key as the server spells it (`vmSnapshot`).
    let key: String
    /// Whether entities carry an owner (the list filters by account/domain/project).
    let owned: Bool
    /// Whether `tags` are resource tags (a list) rather than storage/host tag text.
    let taggable: Bool
    /// A create-like API exists, so an empty list is the truth rather than a gap.
    let creatable: Bool

    var table: String { key.lowercased() }
    /// The single-object key: create, update and job results (`vmsnapshot`).
    var objectKey: String { key.lowercased() }
}

/// What the generic engine does for one API.
enum GenericRole: Sendable, Equatable {
    case create, list, update, delete
    /// enable/disable/activate/suspend: sets `state` to this value.
    case state(String)
}

enum Families {
    static let createVerbs: Set<String> = ["create", "add", "register"]
    static let deleteVerbs: Set<String> = ["delete", "remove"]
    static let stateVerbs: [String: String] = [
        "enable": "Enabled", "disable": "Disabled", "activate": "Active",
        "suspend": "Suspended",
    ]

    /// Families by singular noun (`vpc`), built once from the bundled catalog.
    static let byNoun: [String: Family] = {
        let apis = Catalog.bundled.allAPIs
        var out: [String: Family] = [:]
        for list in apis where list.verb == "list" {
            guard let key = list.listItemKey else { continue }
            let noun = API.singular(list.noun)
            guard out[noun] == nil else { continue }
            let members = apis.filter { $0.verb != "list" && API.singular($0.noun) == noun }
            let creators = members.filter { createVerbs.contains($0.verb) && $0.responseFields.contains("id") }
            let stringTags = members.contains { $0.param(named: "tags").map { $0.type != "map" } ?? false }
            out[noun] = Family(
                list: list, key: key,
                owned: list.param(named: "account") != nil && list.responseFields.contains("account"),
                taggable: list.responseFields.contains("tags") && !stringTags,
                creatable: !creators.isEmpty)
        }
        return out
    }()

    static func family(of api: API) -> Family? { byNoun[API.singular(api.noun)] }

    /// The generic role of `api`, nil when the engine cannot serve it (relations such as
    /// assignToLoadBalancerRule, actions such as migrate or reset: those answer 432).
    static func role(of api: API) -> GenericRole? {
        // A family nothing creates is filled by a real install itself (configurations, resource
        // limits): serving it from an empty table would show a gap as data.
        guard let fam = family(of: api), fam.creatable else { return nil }
        if api.verb == "list" { return api.name == fam.list.name ? .list : nil }
        if createVerbs.contains(api.verb) { return api.responseFields.contains("id") ? .create : nil }
        if api.verb == "update" {
            let answers = ["id", "name", "success"].contains { api.responseFields.contains($0) }
            return answers ? .update : nil
        }
        if deleteVerbs.contains(api.verb) { return .delete }
        if let state = stateVerbs[api.verb], api.responseFields.contains("state") { return .state(state) }
        return nil
    }

    /// Families a fresh install already fills (primary storage, providers, default offerings...): until
    /// the seed holds such rows, their list is not served, since an empty one would show a gap as data.
    static let installFilled: Set<String> = [
        "storagepool", "imagestore", "physicalnetwork", "traffictype", "networkserviceprovider", "vpcoffering",
        "guestosmapping", "virtualrouterelement", "internalloadbalancerelement", "vlaniprange",
    ]

    /// Fields a new entity of these families has whatever the parameters say (a template's
    /// download state is per zone: see Images.swift).
    static func defaults(_ fam: Family) -> Record {
        switch fam.table {
        case "template", "iso":
            [
                "templatetype": .string("USER"), "ispublic": .bool(false), "isfeatured": .bool(false),
                "isextractable": .bool(false), "passwordenabled": .bool(false), "crossZones": .bool(false),
            ]
        case "vmsnapshot": ["current": .bool(true)]
        case "region": ["gslbserviceenabled": .bool(true), "portableipserviceenabled": .bool(false)]
        default: [:]
        }
    }

    /// The state a new entity starts in, as the server reports it right after creation.
    static func initialState(_ fam: Family) -> String {
        let known = [
            "vpc": "Enabled", "vmsnapshot": "Ready", "physicalnetwork": "Disabled", "privategateway": "Ready",
            "vpnconnection": "Connected", "remoteaccessvpn": "Running", "storagepool": "Up", "host": "Up",
            "vpcoffering": "Disabled", "networkoffering": "Disabled",
        ]
        return known[fam.table] ?? "Active"
    }
}
