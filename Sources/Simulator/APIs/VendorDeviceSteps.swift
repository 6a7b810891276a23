import APICatalog
import OrderedCollections
import Values

/// The steps the vendor device plugins (Netscaler, Palo Alto, Nicira, BigSwitch, Brocade, Cisco) share
/// before they touch a device. Every device-adding manager first finds the vendor's network service
/// provider on the physical network; this cloud has none of the vendors' elements
/// (addNetworkServiceProvider refuses them, see ServiceProviderAPIs), so that check is where an add ends,
/// with the words all those managers use. Device ids are uuid parameters: this cloud holds no device, so
/// the dispatcher's uuid lookup refuses them before the plugin runs.
enum VendorDeviceSteps {
    /// The physical network a device is added to, or the dispatcher's refusal.
    static func physicalNetwork(_ c: Call, _ param: String = "physicalnetworkid") throws(APIError) -> Entity {
        try ServiceProviderAPIs.known(c, param, "physicalnetwork")
    }

    /// The managers' provider check (CloudRuntimeException, 530). The physical network's internal id is
    /// in the text, run into "to add this device" without a space as the server writes it.
    static func providerMissing(_ provider: String, on pn: Entity, store: Store) -> APIError {
        store.ensureProviders(pn)
        if let nsp = store.table("networkserviceprovider").first(where: {
            $0["physicalnetworkid"] == pn.id && $0["name"] == provider
        }), nsp["state"] == "Shutdown" {
            return .internalError(
                "Network Service Provider: \(provider) is in shutdown state in the physical network: \(pn.seq)to add this device"
            )
        }
        return .internalError(
            "Network Service Provider: \(provider) is not enabled in the physical network: \(pn.seq)to add this device")
    }

    /// A device id the dispatcher cannot turn into a row: this cloud holds no device of the plugin.
    static func noDevice(_ c: Call, _ param: String) throws(APIError) -> Never {
        throw CatalogCheck.noEntity(param, try c.required(param), command: c.command)
    }

    /// A command on one device of the plugin: with none here, only the dispatcher's refusal of its id.
    static func onDevice(_ name: String, async isAsync: Bool = false, _ param: String) -> Handler {
        Handler(name, async: isAsync) { c throws(APIError) in try noDevice(c, param) }
    }

    /// The plugins' list of devices on a physical network or by id (one of the two required): the id is
    /// refused by the dispatcher, the physical network's list is empty.
    static func listDevices(_ c: Call, noun: String, idParam: String, neither: String) throws(APIError) -> Reply {
        if c.optional(idParam) != nil { try noDevice(c, idParam) }
        guard c.optional("physicalnetworkid") != nil else { throw APIError.refused(neither) }
        _ = try physicalNetwork(c)
        return .list(noun: noun, items: [], total: 0)
    }

    /// A list command of `listDevices`.
    static func deviceList(_ name: String, noun: String, idParam: String, neither: String) -> Handler {
        Handler(name) { c throws(APIError) in try listDevices(c, noun: noun, idParam: idParam, neither: neither) }
    }

    /// An async command whose job fails with `error`, as a plugin's check inside the command's execute does.
    static func failingJob(_ cmd: String, _ error: @escaping (Store) -> APIError) -> Reply {
        .job(JobSpec(cmd: cmd, instanceType: nil, instanceID: nil, immediateID: nil) { store, _ in throw error(store) })
    }
}

/// The same for the infrastructure plugins (Tungsten, UCS, VMware datacenters): a plugin either answers
/// what its own tables hold (nothing) or fails where the server would contact the vendor system.
extension Call {
    /// The zone named by `param`, refused as the dispatcher refuses a UUID naming no entity.
    func vendorZone(_ param: String = "zoneid") throws(APIError) -> Entity? {
        guard let id = optional(param) else { return nil }
        guard let zone = store.table("zone").get(id) else {
            throw CatalogCheck.noEntity(param, id, command: command)
        }
        return zone
    }

    /// A list the plugin answers from its own tables, which hold nothing here: paging is still
    /// checked as BaseListCmd checks it.
    func emptyVendorList() throws(APIError) -> Reply {
        _ = try pageRange(count: 0)
        let key = Catalog.bundled.api(named: command)?.listItemKey ?? command.lowercased()
        return .list(noun: key, items: [], total: 0)
    }
}
