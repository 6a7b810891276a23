import Values

/// The SDN controller plugins (Nicira NVP, BigSwitch BCF, Brocade VCS) without their controllers: an add
/// ends at the provider check (VendorDeviceSteps), device ids are refused by the dispatcher, and a
/// physical network lists no device.
enum SDNDeviceAPIs {
    static let cmdPrefix = "com.cloud.api.commands."

    /// One vendor's add, delete, list and network-list commands.
    static func family(
        _ vendor: String, provider: String, idParam: String, listNoun: String, neither: String, networks: String?
    ) -> [Handler] {
        var handlers = [
            Handler("add\(vendor)Device", async: true) { c throws(APIError) in
                let pn = try VendorDeviceSteps.physicalNetwork(c)
                return VendorDeviceSteps.failingJob(cmdPrefix + "Add\(vendor)DeviceCmd") { store in
                    VendorDeviceSteps.providerMissing(provider, on: pn, store: store)
                }
            },
            VendorDeviceSteps.onDevice("delete\(vendor)Device", async: true, idParam),
            VendorDeviceSteps.deviceList("list\(vendor)Devices", noun: listNoun, idParam: idParam, neither: neither),
        ]
        if let networks {
            handlers.append(VendorDeviceSteps.onDevice(networks, idParam))
        }
        return handlers
    }

    static let handlers: [Handler] =
        family(
            "NiciraNvp", provider: "NiciraNvp", idParam: "nvpdeviceid", listNoun: "niciranvpdevice",
            neither: "Either physical network Id or nicira device Id must be specified",
            networks: "listNiciraNvpDeviceNetworks")
        + family(
            "BigSwitchBcf", provider: "BigSwitchBcf", idParam: "bcfdeviceid", listNoun: "bigswitchbcfdevice",
            neither: "Either physical network Id or bigswitch device Id must be specified", networks: nil)
        + family(
            "BrocadeVcs", provider: "BrocadeVcs", idParam: "vcsdeviceid", listNoun: "brocadevcsdevice",
            neither: "Either physical network Id or brocade vcs switch Id must be specified",
            networks: "listBrocadeVcsDeviceNetworks")
}
