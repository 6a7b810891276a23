import Values

/// The external firewall plugins without their appliances: Palo Alto (PaloAltoExternalFirewallElement and
/// the external firewall manager) and Cisco VNMC / ASA 1000v (CiscoVnmcElement). Adds end at the provider
/// check (VendorDeviceSteps), device ids are refused by the dispatcher, physical networks list none.
/// addCiscoAsa1000vResource, which only stores a row, is not modelled: its response's field names are not
/// in the catalog.
enum FirewallDeviceAPIs {
    static let cmdPrefix = "com.cloud.api.commands."

    static let handlers: [Handler] = [
        Handler("addPaloAltoFirewall", async: true) { c throws(APIError) in
            let pn = try VendorDeviceSteps.physicalNetwork(c)
            let type = try c.required("networkdevicetype")
            return VendorDeviceSteps.failingJob(cmdPrefix + "AddPaloAltoFirewallCmd") { store in
                guard type.lowercased() == "paloaltofirewall" else {
                    return .refused("Invalid Palo Alto firewall device type")
                }
                return VendorDeviceSteps.providerMissing("PaloAlto", on: pn, store: store)
            }
        },
        VendorDeviceSteps.onDevice("configurePaloAltoFirewall", async: true, "fwdeviceid"),
        VendorDeviceSteps.onDevice("deletePaloAltoFirewall", async: true, "fwdeviceid"),
        // The firewall list's words name a load balancer device, as the server's do.
        VendorDeviceSteps.deviceList(
            "listPaloAltoFirewalls", noun: "paloaltofirewall", idParam: "fwdeviceid",
            neither: "Either physical network Id or load balancer device Id must be specified"),
        VendorDeviceSteps.onDevice("listPaloAltoFirewallNetworks", "lbdeviceid"),
        // The VNMC and ASA commands are synchronous: the provider check answers at once.
        Handler("addCiscoVnmcResource") { c throws(APIError) in
            let pn = try VendorDeviceSteps.physicalNetwork(c)
            throw VendorDeviceSteps.providerMissing("CiscoVnmc", on: pn, store: c.store)
        },
        VendorDeviceSteps.onDevice("deleteCiscoVnmcResource", "resourceid"),
        VendorDeviceSteps.deviceList(
            "listCiscoVnmcResources", noun: "ciscovnmcresource", idParam: "resourceid",
            neither: "Either physical network Id or vnmc device Id must be specified"),
        VendorDeviceSteps.onDevice("deleteCiscoAsa1000vResource", "resourceid"),
        VendorDeviceSteps.deviceList(
            "listCiscoAsa1000vResources", noun: "ciscoasa1000vresource", idParam: "resourceid",
            neither: "Either physical network Id or Asa 1000v device Id must be specified"),
    ]
}
