import OrderedCollections
import Values

/// The Netscaler plugin (NetscalerElement) without a Netscaler: load balancer devices are refused at the
/// provider check, device ids by the dispatcher; NetScaler service packages are only rows the server
/// stores, so they are kept and listed. The control center's register, deployNetscalerVpx and
/// stopNetScalerVpx are not modelled (they reach the appliance or a NetScaler VM this cloud cannot have).
enum NetscalerAPIs {
    static let cmdPrefix = "com.cloud.api.commands."
    static let deviceTypes = ["NetscalerMPXLoadBalancer", "NetscalerVPXLoadBalancer", "NetscalerSDXLoadBalancer"]
    static let packageNoun = "registeredservicepackage"

    static let handlers: [Handler] = [
        Handler("addNetscalerLoadBalancer", async: true) { c throws(APIError) in
            let pn = try VendorDeviceSteps.physicalNetwork(c)
            let type = try c.required("networkdevicetype")
            let url = try c.required("url")
            let gslb = try c.bool("gslbprovider"), exclusive = try c.bool("isexclusivegslbprovider")
            let (publicIP, privateIP) = (c.optional("gslbproviderpublicip"), c.optional("gslbproviderprivateip"))
            return VendorDeviceSteps.failingJob(cmdPrefix + "AddNetscalerLoadBalancerCmd") { store in
                // NetscalerElement.addNetscalerLoadBalancer's checks, in its order, then the manager's.
                guard deviceTypes.contains(where: { $0.lowercased() == type.lowercased() }) else {
                    return .refused("Invalid Netscaler device type")
                }
                // The url's query may ask for dedicated use (lbdevicededicated=true); the type is compared
                // exactly here, as the server does.
                let dedicated = urlQuery(url)["lbdevicededicated"]?.lowercased() == "true"
                if dedicated, type != "NetscalerVPXLoadBalancer" {
                    return .refused("Only Netscaler VPX load balancers can be specified for dedicated use")
                }
                if gslb {
                    guard ["NetscalerVPXLoadBalancer", "NetscalerMPXLoadBalancer"].contains(type) else {
                        return .refused(
                            "Only Netscaler VPX or MPX load balancers can be specified as GSLB service provider")
                    }
                    if publicIP == nil || privateIP == nil {
                        return .refused(
                            "Public and Privae IP needs to provided for NetScaler that will be GSLB provider")
                    }
                    if dedicated {
                        return .refused(
                            "NetScaler provisioned to be GSLB service provider can only be configured for shared usage."
                        )
                    }
                }
                if exclusive, !gslb {
                    return .refused(
                        "NetScaler can be provisioned to be exclusive GSLB service provider only if its being configured as GSLB service provider also."
                    )
                }
                return VendorDeviceSteps.providerMissing("Netscaler", on: pn, store: store)
            }
        },
        VendorDeviceSteps.onDevice("configureNetscalerLoadBalancer", async: true, "lbdeviceid"),
        VendorDeviceSteps.onDevice("deleteNetscalerLoadBalancer", async: true, "lbdeviceid"),
        VendorDeviceSteps.onDevice("listNetscalerLoadBalancerNetworks", "lbdeviceid"),
        VendorDeviceSteps.deviceList(
            "listNetscalerLoadBalancers", noun: "netscalerloadbalancer", idParam: "lbdeviceid",
            neither: "Either physical network Id or load balancer device Id must be specified"),
        // The control center is one row the register stores after reaching it; none can be here.
        Handler("listNetscalerControlCenter") { _ throws(APIError) in
            .list(noun: "netscalercontrolcenter", items: [], total: 0)
        },
        Handler("deleteNetscalerControlCenter") { c throws(APIError) in
            _ = try c.required("id")
            throw APIError.internalError("External Netscaler Control Center Table does not contain record with this ID")
        },
        // A service package is a name and a description the server stores (the control center publishes
        // them in a real deployment; the API stores what it is given).
        Handler("registerNetscalerServicePackage") { c throws(APIError) in
            let name = try c.required("name"), description = try c.required("description")
            let row = c.store.insert(packageNoun, ["name": .string(name), "description": .string(description)])
            return .object(["netscalerservicepackage": .record(package(row))])
        },
        // The list's object name is the server's, camel case and all.
        Handler("listRegisteredServicePackages") { c throws(APIError) in
            let rows = c.store.table(packageNoun).rows
            let page = try c.pageRange(count: rows.count)
            return .list(
                noun: "registeredServicepackage", items: rows[page].map { .record(package($0)) }, total: rows.count)
        },
        Handler("deleteServicePackageOffering") { c throws(APIError) in
            let id = try c.required("id")
            guard c.store.table(packageNoun).get(id) != nil else {
                throw APIError.internalError("Record does not Exists in the Table")
            }
            // Simplification: the server also refuses a package a network offering uses; the simulator's
            // offerings take no service package, so none does.
            c.store.table(packageNoun).remove(id)
            return .object(["success": .bool(true)])
        },
    ]

    /// A package as NetScalerServicePackageResponse shows it.
    static func package(_ e: Entity) -> Record {
        ["id": .string(e.id), "name": e.fields["name"] ?? .null, "description": e.fields["description"] ?? .null]
    }

    /// The url's query parameters (name=value&...), as UrlUtil.parseQueryParameters reads them.
    static func urlQuery(_ url: String) -> [String: String] {
        guard let q = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
        var out: [String: String] = [:]
        for pair in q.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { out[String(kv[0])] = String(kv[1]) }
        }
        return out
    }
}
