import APICatalog
import Values
import OrderedCollections

/// VMware datacenters of zones (VmwareManagerImpl). The simulator's zones hold Simulator clusters and
/// no vCenter answers, so no zone is ever associated with a VMware datacenter: adding one passes the
/// server's own checks and then fails connecting to the vCenter; the rest find no association.
enum VmwareDcAPIs {
    static let handlers: [Handler] = [
        Handler("addVmwareDc") { c throws(APIError) in
            // The server checks the credentials first; its text for a missing password names the username too.
            guard c.optional("username") != nil, c.optional("password") != nil else {
                throw APIError.refused("Missing or invalid parameter username.")
            }
            let vcenter = try c.required("vcenter")
            _ = try c.required("name")
            _ = try zone(c)
            // No VMware cluster in a Simulator zone, so validateZoneWithResources passes; the vCenter
            // context cannot be made. The server appends the connection error's own message, which depends
            // on the network; this names the vCenter instead.
            throw APIError.unhandled("Failed to add VMware DC to zone due to : cannot connect to vCenter \(vcenter)")
        },
        Handler("listVmwareDcs") { c throws(APIError) in
            _ = try zone(c)
            return try c.emptyVendorList()
        },
        Handler("updateVmwareDc") { c throws(APIError) in
            _ = try zone(c)
            // updateVmwareDatacenter reads the zone's association without checking it exists.
            throw APIError.internalError(APIError.userErrorMessage)
        },
        Handler("removeVmwareDc") { c throws(APIError) in
            let z = try zone(c)
            throw APIError.unhandled("Zone \(z.seq) is not associated with any VMware datacenter.")
        },
    ]

    /// The zone as the dispatcher resolves `zoneid` (required by every VMware DC command).
    static func zone(_ c: Call) throws(APIError) -> Entity {
        guard let z = try c.vendorZone() else { throw APIError.missing("zoneid", command: c.command) }
        return z
    }
}
