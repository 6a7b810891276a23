import Values

/// The Open vSwitch element (OvsElementService). The server gives a physical network the Ovs provider and
/// its element only when the network isolates by GRE; this cloud's physical networks get the providers
/// of PhysicalNetworkAPIs.providers, Ovs not among them, so there is no element to list or configure.
enum OvsElementAPIs {
    static let handlers: [Handler] = [
        Handler("listOvsElements") { c throws(APIError) in
            if c.optional("nspid") != nil { _ = try ServiceProviderAPIs.known(c, "nspid", "networkserviceprovider") }
            if c.optional("id") != nil { try VendorDeviceSteps.noDevice(c, "id") }
            return .list(noun: "ovselement", items: [], total: 0)
        },
        VendorDeviceSteps.onDevice("configureOvsElement", async: true, "id"),
    ]
}
