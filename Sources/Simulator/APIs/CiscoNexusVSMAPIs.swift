import Values

/// The Cisco Nexus 1000v virtual supervisor modules (CiscoNexusVSMElement). A VSM is added with a VMware
/// cluster; this cloud has none, so an id names nothing and the dispatcher refuses it. listCiscoNexusVSMs
/// is not modelled: what it answers for a cluster without a VSM is not settled from the source here.
enum CiscoNexusVSMAPIs {
    static let handlers: [Handler] = ["enableCiscoNexusVSM", "disableCiscoNexusVSM", "deleteCiscoNexusVSM"].map {
        VendorDeviceSteps.onDevice($0, async: true, "id")
    }
}
