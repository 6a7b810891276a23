import FoundationEssentials
import OrderedCollections
import Values

/// The usage job: turns the ledger's intervals into usage records (cloud_usage), one per resource, usage
/// type and aggregation period (a day, UTC: usage.stats.job.aggregation.range's default), from the end of
/// the last job to now. The simulator runs it at once where the real usage server runs it at its next turn.
enum UsageRecords {
    static let noun = "usagerecord"
    static let jobNoun = "usagejob"
    static let day = 86_400.0

    /// Runs one usage job at `now`; returns how many records it made.
    @discardableResult
    static func generate(_ store: Store, now: Date) -> Int {
        UsageLedger.reconcile(store, at: now)
        let states = store.table(UsageLedger.stateNoun).rows.filter { $0["end"] == nil }
        let ended = store.table(UsageLedger.intervalNoun).rows
        let spans: [(Record, Date, Date)] = (ended + states).compactMap { e in
            guard let s = e["start"].flatMap(SimClock.parseCloudStackTime) else { return nil }
            let end = e["end"].flatMap(SimClock.parseCloudStackTime) ?? now
            return (e.fields, s, end)
        }
        var from = store.table(jobNoun).get("last")?["end"].flatMap(SimClock.parseCloudStackTime)
        if from == nil, let first = spans.map(\.1).min() {
            from = Date(timeIntervalSince1970: (first.timeIntervalSince1970 / day).rounded(.down) * day)
        }
        var made = 0
        if var start = from {
            while start < now {
                let dayEnd = Date(timeIntervalSince1970: ((start.timeIntervalSince1970 / day).rounded(.down) + 1) * day)
                let end = min(dayEnd, now)
                for (facts, s, e) in spans {
                    let ms = (min(e, end).timeIntervalSince1970 - max(s, start).timeIntervalSince1970) * 1000
                    guard ms > 0 else { continue }
                    // The period's last second, as the server's end date shows it.
                    let shown = end == dayEnd ? end.addingTimeInterval(-1) : end
                    store.insert(noun, record(store, facts, ms: ms, from: start, to: shown))
                    made += 1
                }
                start = end
            }
        }
        // Ended intervals are consumed: the next job starts where this one ended.
        for e in ended { store.table(UsageLedger.intervalNoun).remove(e.id) }
        store.table(jobNoun).put(Entity(id: "last", fields: ["end": .string(SimClock.cloudStackTime(now))]))
        return made
    }

    /// One record as listUsageRecords shows it (plus `olddescription`, shown with oldformat=true).
    static func record(_ store: Store, _ f: Record, ms: Double, from: Date, to: Date) -> Record {
        let type = Int(f["usagetype"]?.plainText ?? "") ?? 0
        // The usage server keeps hours as a float.
        let hours = Double(Float(ms) / 1000 / 60 / 60)
        var r: Record = [:]
        if let p = f["projectid"]?.plainText {
            r["projectid"] = .string(p)
            r["project"] = store.table(Store.projectNoun).get(p)?.fields["name"] ?? .string("")
        } else {
            r["accountid"] = f["accountid"] ?? .string("")
            r["account"] = f["account"] ?? .string("")
        }
        r["domainid"] = f["domainid"]
        r["domain"] = f["domain"]
        r["zoneid"] = f["zoneid"]
        let resource = f["resourceid"]?.plainText ?? ""
        let name = f["name"]?.plainText ?? ""
        var (description, old) = ("", "")
        switch UsageLedger.Kind(rawValue: type) {
        case .runningVM, .allocatedVM:
            let offering = store.table("serviceoffering").get(f["offeringid"]?.plainText ?? "")
            let template = store.table("template").get(f["templateid"]?.plainText ?? "")
            let vm = store.vms.stored(resource)
            for k in ["offeringid", "templateid", "cpunumber", "cpuspeed", "memory"] { r[k] = f[k] }
            r["virtualmachineid"] = .string(resource)
            r["name"] = .string(name)
            r["usageid"] = .string(resource)
            r["type"] = .string("Simulator")
            if let os = template.flatMap({ store.table("ostype").get($0["ostypeid"] ?? "") }) {
                r["ostypeid"] = .string(os.id)
                r["osdisplayname"] = os.fields["description"]
                if let cat = store.table("oscategory").get(os["oscategoryid"] ?? "") {
                    r["oscategoryid"] = .string(cat.id)
                    r["oscategoryname"] = cat.fields["name"]
                }
            }
            description = type == 1 ? "Running VM usage " : "Allocated VM usage "
            if let vm { description += "for \(vm.name) (\(instanceName(store, vm))) (\(vm.id)) " }
            if let offering { description += "using service offering \(offering["name"] ?? "") (\(offering.id)) " }
            if let template { description += "and template \(template["name"] ?? "") (\(template.id))" }
            old =
                "\(name) \(type == 1 ? "running time" : "allocated") (ServiceOffering: \(offering?.seq ?? 0)) "
                + "(Template: \(template?.seq ?? 0))"
        case .ipAddress:
            r["usageid"] = .string(resource)
            r["issourcenat"] = .bool(f["issourcenat"]?.plainText == "true")
            r["issystem"] = .bool(f["issystem"]?.plainText == "true")
            old = "IPAddress: \(name)"
            description = old
        case .volume:
            let size = Int(f["size"]?.plainText ?? "") ?? 0
            let offering = f["offeringid"].flatMap { store.table("diskoffering").get($0.plainText) }
            let template = f["templateid"].flatMap { store.table("template").get($0.plainText) }
            r["usageid"] = .string(resource)
            r["size"] = .int(size)
            if let offering { r["offeringid"] = .string(offering.id) }
            if let template { r["templateid"] = .string(template.id) }
            description = "Volume usage for \(name) (\(resource))"
            if let offering { description += " with disk offering \(offering["name"] ?? "") (\(offering.id))" }
            if let template { description += " and template \(template["name"] ?? "") (\(template.id))" }
            description += " and size \(readableSize(size))"
            old = "Volume Id: \(volumeSeq(store, resource)) usage time"
            if let template {
                old += " (Template: \(template.seq))"
            } else if let offering {
                old += " (DiskOffering: \(offering.seq))"
            }
        case .template, .iso, .snapshot:
            let size = Int(f["size"]?.plainText ?? "") ?? 0
            let virtual = Int(f["virtualsize"]?.plainText ?? "") ?? size
            let what = type == 7 ? "Template" : type == 8 ? "ISO" : "Snapshot"
            r["usageid"] = .string(resource)
            r["size"] = .int(size)
            if type != 9 { r["virtualsize"] = .int(type == 8 ? size : virtual) }
            let seq = store.table(type == 7 ? "template" : type == 8 ? "iso" : "snapshot").get(resource)?.seq ?? 0
            description =
                "\(what) usage for \(name) (\(resource)) with size \(readableSize(size))"
                + (type == 9 ? "" : " and virtual size \(readableSize(type == 8 ? size : virtual))")
            old =
                "\(what) Id:\(seq) Size:\(readableSize(size))"
                + (type == 9 ? "" : " VirtualSize: \(readableSize(type == 8 ? size : virtual))")
        case nil:
            break
        }
        r["description"] = .string(description)
        r["olddescription"] = .string(old)
        r["usage"] = .string(javaDecimal(hours) + " Hrs")
        r["usagetype"] = .int(type)
        r["rawusage"] = .string(javaDecimal(hours))
        r["startdate"] = .string(usageDate(from))
        r["enddate"] = .string(usageDate(to))
        return r
    }

    /// The name a hypervisor knows a VM by (i-ACCOUNT-VM-VM, internal ids).
    static func instanceName(_ store: Store, _ vm: VM) -> String {
        "i-\(store.table("account").get(vm.accountID)?.seq ?? 2)-\(vm.seq)-VM"
    }

    static func volumeSeq(_ store: Store, _ id: String) -> Int {
        store.table("volume").get(id)?.seq ?? store.vms.owner(ofRootVolume: id)?.seq ?? 0
    }

    /// A usage date as the 4.18 server writes it: the quoted `'T'` is the server's own (a format
    /// pattern written out literally), the offset that of the usage time zone (GMT).
    static func usageDate(_ d: Date) -> String {
        let t = SimClock.cloudStackTime(d)
        return String(t.prefix(10)) + "'T'" + String(t.dropFirst(11).prefix(8)) + "+00:00"
    }

    /// The sortable `yyyy-MM-ddTHH:mm:ss` of a usage date.
    static func sortKey(_ shown: String) -> String { String(shown.replacing("'", with: "").prefix(19)) }

    /// Java's DecimalFormat("#.######"): at most six decimals (half-even), none when whole, and
    /// no leading zero below one (".25").
    static func javaDecimal(_ x: Double) -> String {
        let micro = (x * 1_000_000).rounded(.toNearestOrEven)
        guard micro.isFinite, abs(micro) < 9e15 else { return "0" }
        let m = Int(micro), whole = abs(m) / 1_000_000
        var frac = String(abs(m) % 1_000_000)
        frac = String(repeating: "0", count: 6 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        let sign = m < 0 ? "-" : ""
        if frac.isEmpty { return sign + String(whole) }
        return sign + (whole == 0 ? "" : String(whole)) + "." + frac
    }

    /// CloudStack's toHumanReadableSize: bytes, KB, MB and GB with two decimals, TB with four.
    static func readableSize(_ bytes: Int) -> String {
        if bytes >= 0 && bytes < 1024 { return "\(bytes) bytes" }
        let units: [(Double, String)] = [(1024, "KB"), (1_048_576, "MB"), (1_073_741_824, "GB")]
        for (unit, name) in units where Double(bytes) < unit * 1024 {
            return fixed(Double(Float(bytes) / Float(unit)), 2) + " " + name
        }
        return fixed(Double(Float(bytes) / Float(1_099_511_627_776.0)), 4) + " TB"
    }

    /// `x` with exactly `places` decimals (Java's %.Nf, half-up).
    static func fixed(_ x: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let n = Int((abs(x) * scale).rounded(.toNearestOrAwayFromZero))
        let div = Int(scale)
        var frac = String(n % div)
        frac = String(repeating: "0", count: places - frac.count) + frac
        return (x < 0 ? "-" : "") + "\(n / div)" + (places > 0 ? "." + frac : "")
    }
}
