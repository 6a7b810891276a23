import OrderedCollections
import Values

/// What the cloud offers to choose from: host and storage tags in use, the detail options of a VM
/// or template, and the network services with their providers.
enum CatalogInfoAPIs {
    static let handlers: [Handler] = [
        Handler("listHostTags") { c throws(APIError) in
            try tags(c, c.store.table("host").rows, field: "hosttags", owner: "hostid", noun: "hosttag")
        },
        Handler("listStorageTags") { c throws(APIError) in
            try tags(c, c.store.table("storagepool").rows, field: "tags", owner: "poolid", noun: "storagetag")
        },
        Handler("listDetailOptions") { c throws(APIError) in
            let raw = try c.required("resourcetype")
            var hypervisor: String? = nil
            switch raw.lowercased() {
            case "uservm":
                if let id = c.optional("resourceid") {
                    guard let vm = c.store.vms[id: id] else {
                        throw APIError.refused("Unable to find resource by id \(id) and type UserVm")
                    }
                    hypervisor = c.store.table("template").get(vm.templateID)?["hypervisor"]
                }
            case "template":
                if let id = c.optional("resourceid") {
                    guard let t = c.store.table("template").get(id) else {
                        throw APIError.refused("Unable to find resource by id \(id) and type Template")
                    }
                    hypervisor = t["hypervisor"]
                }
            default:
                throw APIError.internalError("Resource type not supported.")
            }
            var options: Record = [
                "UEFI": list("LEGACY", "SECURE"), "keyboard": list("uk", "us", "jp", "fr"),
                "cpu.corespersocket": list(), "rootdisksize": list(),
            ]
            if hypervisor == "KVM" {
                options["nicAdapter"] = list("e1000", "virtio", "rtl8139", "vmxnet3", "ne2k_pci")
                options["rootDiskController"] = list("osdefault", "ide", "scsi", "virtio")
                options["dataDiskController"] = list("osdefault", "ide", "scsi", "virtio")
                options["video.hardware"] = list("cirrus", "vga", "qxl", "virtio")
                options["video.ram"] = list()
            }
            return .object(["detailoptions": .record(["details": .record(options)])])
        },
        Handler("listSupportedNetworkServices") { c throws(APIError) in
            let service = c.optional("service")?.lowercased(), provider = c.optional("provider")?.lowercased()
            var order: [String] = [], providers: [String: [String]] = [:]
            for seed in NetworkOfferings.defaults {
                for s in seed.services {
                    if providers[s.service] == nil { order.append(s.service) }
                    for p in s.providers where !(providers[s.service] ?? []).contains(p) {
                        providers[s.service, default: []].append(p)
                    }
                }
            }
            // The server never lists Gateway (ListSupportedNetworkServicesCmd skips it).
            let chosen = order.filter { s in
                s != ResponseView.unshownService && (service == nil || s.lowercased() == service)
                    && (provider == nil || providers[s, default: []].contains { $0.lowercased() == provider })
            }
            let range = try c.pageRange(count: chosen.count)
            return .list(
                noun: "networkservice",
                items: chosen[range].map { s in
                    .record([
                        "name": .string(s),
                        "provider": .list(providers[s, default: []].map { .record(["name": .string($0)]) }),
                        "capability": ServiceCapabilities.serviceCapabilities(s),
                    ])
                }, total: chosen.count)
        },
    ]

    static func list(_ values: String...) -> Value { .list(values.map(Value.string)) }

    /// Each tag of each row (a comma-separated field), numbered in order, with the row's internal id.
    static func tags(_ c: Call, _ rows: [Entity], field: String, owner: String, noun: String) throws(APIError) -> Reply
    {
        let keyword = c.optional("keyword")?.lowercased()
        var items: [Value] = []
        for r in rows {
            for tag in (r[field] ?? "").split(separator: ",").map({ $0.trimmingSpaces() }) where !tag.isEmpty {
                if let keyword, !tag.lowercased().contains(keyword) { continue }
                items.append(
                    .record(["id": .string(String(items.count + 1)), "name": .string(tag), owner: .int(r.seq)]))
            }
        }
        let range = try c.pageRange(count: items.count)
        return .list(noun: noun, items: Array(items[range]), total: items.count)
    }
}
