import APICatalog
import Values
import OrderedCollections

/// Steps the vendor plugin APIs share (Tungsten, UCS, ...): the simulator holds no vendor system,
/// so a plugin either answers what its own tables hold (nothing) or fails where the server would
/// contact the device.
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
