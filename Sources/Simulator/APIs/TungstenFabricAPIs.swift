import APICatalog
import Values
import OrderedCollections

/// The Tungsten-Fabric plugin as a 4.18 server answers it with no Tungsten-Fabric provider in any
/// zone. Nearly every command has one shape (TungstenServiceImpl): it sends a command to the zone's
/// provider through TungstenFabricUtils.sendTungstenCommand, which refuses when the zone has none.
/// A list without `zoneid` asks every provider in turn (none: an empty list); one with it fails.
enum TungstenFabricAPIs {
    /// TungstenFabricUtils' refusal when the zone holds no provider (InvalidParameterValueException).
    static let noProvider = APIError.refused("Failed to find a Tungsten-Fabric provider")

    /// Lists of Tungsten objects: per provider, or the zone's provider.
    static let lists = [
        "listTungstenFabricAddressGroup", "listTungstenFabricApplicationPolicySet",
        "listTungstenFabricFirewallPolicy", "listTungstenFabricFirewallRule", "listTungstenFabricLogicalRouter",
        "listTungstenFabricNetwork", "listTungstenFabricNic", "listTungstenFabricPolicy",
        "listTungstenFabricPolicyRule", "listTungstenFabricServiceGroup", "listTungstenFabricTag",
        "listTungstenFabricTagType", "listTungstenFabricVm",
    ]

    /// Async commands on one zone's Tungsten objects: the job sends them to the zone's provider.
    static let zoneActions = [
        "addTungstenFabricNetworkGatewayToLogicalRouter", "addTungstenFabricPolicyRule", "applyTungstenFabricPolicy",
        "applyTungstenFabricTag", "createTungstenFabricAddressGroup", "createTungstenFabricApplicationPolicySet",
        "createTungstenFabricFirewallPolicy", "createTungstenFabricFirewallRule", "createTungstenFabricLogicalRouter",
        "createTungstenFabricPolicy", "createTungstenFabricServiceGroup", "createTungstenFabricTag",
        "createTungstenFabricTagType", "deleteTungstenFabricAddressGroup", "deleteTungstenFabricApplicationPolicySet",
        "deleteTungstenFabricFirewallPolicy", "deleteTungstenFabricFirewallRule", "deleteTungstenFabricLogicalRouter",
        "deleteTungstenFabricPolicy", "deleteTungstenFabricServiceGroup", "deleteTungstenFabricTag",
        "deleteTungstenFabricTagType", "removeTungstenFabricNetworkGatewayFromLogicalRouter",
        "removeTungstenFabricPolicy", "removeTungstenFabricPolicyRule", "removeTungstenFabricTag",
    ]

    static func commandClass(_ api: String) -> String {
        "org.apache.cloudstack.network.tungsten.api.command." + api.prefix(1).uppercased() + api.dropFirst() + "Cmd"
    }

    static let handlers: [Handler] =
        lists.map { name in
            Handler(name) { c throws(APIError) in
                if try c.vendorZone() != nil { throw noProvider }
                return try c.emptyVendorList()
            }
        }
        + zoneActions.map { name in
            Handler(name, async: true) { c throws(APIError) in
                _ = try c.vendorZone()
                return VendorDeviceSteps.failingJob(commandClass(name)) { _ in noProvider }
            }
        } + [
            Handler("listTungstenFabricProviders") { c throws(APIError) in
                // With a zone, TungstenProviderServiceImpl renders the zone's provider without checking
                // that one exists: the NullPointerException reaches the caller as an internal error.
                if try c.vendorZone() != nil { throw APIError.internalError(APIError.userErrorMessage) }
                return try c.emptyVendorList()
            },
            Handler("createTungstenFabricProvider") { c throws(APIError) in
                _ = try c.vendorZone()
                // The provider is added as an L2Networking host whose resource must reach the Tungsten-Fabric
                // API; unreachable, ResourceManager adds no host and the service gives up (CloudRuntimeException).
                throw APIError.unhandled("Failed to add Tungsten-Fabric provider due to internal error.")
            },
        ]
}
