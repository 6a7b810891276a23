import FoundationEssentials
import Values

/// The tour, in order: each step is its text plus a check that asks the server.
/// To add a step, add it to `all`; the runner, `tour status` and the tests read this list.
enum TourSteps {
    static let vmName = "tour-vm", volumeName = "tour-data", groupName = "tour-web"
    static let deployLine =
        "job = deploy vm zone:Sandbox-1 template:\"Debian 12\" serviceoffering:\"Small Instance\" name:\(vmName) &"

    static let all: [TourStep] = [infrastructure, offerings, deploy, volumes, securityGroup, stop, destroy, expunge]

    static func step(_ id: String) -> TourStep? { all.first { $0.id == id } }

    // MARK: 1 the infrastructure tree

    static let infrastructure = TourStep(
        id: "infrastructure", title: "The infrastructure tree: zone > pod > cluster > host",
        goal: [
            "A cloud is a tree: zones (data centres) hold pods (racks), pods hold clusters (hosts",
            "of one hypervisor sharing storage), clusters hold the hosts that run VMs.",
            "List each level, then keep a zone and one of its hosts in variables.",
        ],
        commands: [
            "list zones", "list pods", "list clusters", "list hosts",
            "zone = (list zones name:Sandbox-1)[0]", "host = (list hosts zoneid:$zone.id type:Routing)[0]",
        ],
        apis: ["listZones", "listPods", "listClusters", "listHosts"]
    ) { ctx in
        let zone = try ctx.recordVariable("zone", what: "a zone", example: "zone = (list zones name:Sandbox-1)[0]")
        guard let z = try await ctx.record("listZones", id: zone.text("id")) else {
            throw TourHint(
                "this server has no zone with the id in `$zone` (\(zone.text("id"))): `zone = (list zones name:Sandbox-1)[0]`"
            )
        }
        let hostExample = "host = (list hosts zoneid:$zone.id type:Routing)[0]"
        let host = try ctx.recordVariable("host", what: "a host", example: hostExample)
        guard let h = try await ctx.record("listHosts", id: host.text("id")) else {
            throw TourHint("this server has no host with the id in `$host`: `\(hostExample)`")
        }
        guard h.text("zoneid") == z.text("id") else {
            throw TourHint(
                "host \(h.text("name")) is in zone \(h.text("zonename")), not in \(z.text("name")): `\(hostExample)`")
        }
        guard h.text("type") == "Routing" else {
            throw TourHint(
                "host \(h.text("name")) is of type \(h.text("type")); VMs run on Routing hosts: `\(hostExample)`")
        }
        guard !h.text("podid").isEmpty, !h.text("clusterid").isEmpty else {
            throw TourHint(
                "this server's listHosts does not say which pod and cluster host \(h.text("name")) is in (no podid, clusterid)"
            )
        }
        guard let pod = try await ctx.record("listPods", id: h.text("podid")),
            let cluster = try await ctx.record("listClusters", id: h.text("clusterid"))
        else {
            throw TourHint(
                "host \(h.text("name")) names pod \(h.text("podid")) and cluster \(h.text("clusterid")), but listPods or listClusters does not find them"
            )
        }
        guard cluster.text("podid") == pod.text("id"), pod.text("zoneid") == z.text("id") else {
            throw TourHint(
                "cluster \(cluster.text("name")) is not in pod \(pod.text("name")) of zone \(z.text("name")): the server's tree is inconsistent"
            )
        }
        let gb = (Double(h.text("memorytotal")) ?? 0) / 1_073_741_824
        return .passed(
            explanation: [
                "Zone \(z.text("name")) (\(z.text("networktype")) networking) is the widest unit: its own networks and storage.",
                "Pod \(pod.text("name")) is a rack inside it; cluster \(cluster.text("name")) groups hosts of one hypervisor (\(cluster.text("hypervisortype"))) sharing primary storage.",
                "Host \(h.text("name")) (\(h.text("cpunumber")) CPUs, \(Int(gb)) GB RAM, \(h.text("state"))) is one server; VMs run on Routing hosts.",
                "List APIs answer at once (no job); `list hosts` is for admins.",
            ],
            equivalent: [
                "listZones name=\(z.text("name"))", "listPods zoneid=\(z.text("id"))",
                "listClusters podid=\(pod.text("id"))", "listHosts zoneid=\(z.text("id")) type=Routing",
            ])
    }

    // MARK: 2 offerings and templates

    static let offerings = TourStep(
        id: "offerings", title: "Offerings and templates",
        goal: [
            "A VM needs a size and an image: a service offering (CPU and RAM) and a template",
            "(the disk image it boots from). Disk offerings size extra volumes (step 4).",
            "Look at them, then keep one offering and one template in variables.",
        ],
        commands: [
            "list serviceofferings", "list diskofferings", "list templates templatefilter:featured",
            "offering = (list serviceofferings name:\"Small Instance\")[0]",
            "template = (list templates templatefilter:featured name:\"Debian 12\")[0]",
        ],
        apis: ["listServiceOfferings", "listDiskOfferings", "listTemplates"]
    ) { ctx in
        let offeringExample = "offering = (list serviceofferings name:\"Small Instance\")[0]"
        let offering = try ctx.recordVariable("offering", what: "a service offering", example: offeringExample)
        guard let o = try await ctx.record("listServiceOfferings", id: offering.text("id")) else {
            if try await ctx.record("listDiskOfferings", id: offering.text("id")) != nil {
                throw TourHint(
                    "`$offering` is a disk offering (it sizes data volumes); a VM needs a service offering: `\(offeringExample)`"
                )
            }
            throw TourHint("this server has no service offering with the id in `$offering`: `\(offeringExample)`")
        }
        let templateExample = "template = (list templates templatefilter:featured name:\"Debian 12\")[0]"
        let template = try ctx.recordVariable("template", what: "a template", example: templateExample)
        guard
            let t = try await ctx.first(
                "listTemplates", [("templatefilter", "executable"), ("id", template.text("id"))])
        else {
            throw TourHint("this server has no template you can use with the id in `$template`: `\(templateExample)`")
        }
        guard t.text("isready") == "true" else {
            throw TourHint(
                "template \(t.text("name")) is not ready (\(t.text("status"))): pick a ready one: `\(templateExample)`")
        }
        // Capacity, when the caller may list hosts (admins): the sandbox's "Huge Instance" fits no host.
        let hosts = (try? await ctx.list("listHosts", [("type", "Routing")])) ?? []
        let mb = Int(o.text("memory")) ?? 0
        if let biggest = hosts.compactMap({ Double($0.text("memorytotal")) }).max(), Double(mb) * 1_048_576 > biggest {
            throw TourHint(
                "\(o.text("name")) asks for \(mb) MB of RAM, more than the biggest host has (\(Int(biggest / 1_048_576)) MB): a deploy would fail with 533 (insufficient capacity); `\(offeringExample)`"
            )
        }
        let size = (Double(t.text("size")) ?? 0) / 1_073_741_824
        return .passed(
            explanation: [
                "Service offering \(o.text("name")): \(o.text("cpunumber")) vCPU at \(o.text("cpuspeed")) MHz, \(mb) MB RAM; the VM's size (scale vm changes it later).",
                "Template \(t.text("name")): \(t.text("ostypename")), \(t.text("format")), \((size * 10).rounded() / 10) GB; the ROOT disk of a new VM is a copy of it.",
                "templatefilter is required: featured (chosen by the admins), self (yours), community, executable (all you may use).",
            ],
            equivalent: [
                "listServiceOfferings name=\(o.text("name"))",
                "listTemplates templatefilter=featured name=\(t.text("name"))",
            ])
    }

    // MARK: 3 deploy and watch the job

    static let deploy = TourStep(
        id: "deploy", title: "Deploy a first VM and watch its job",
        goal: [
            "Deploying is asynchronous: the server answers at once with a job id and works on.",
            "`&` keeps the job in a variable instead of waiting; look at it, then wait for it.",
            "(With the variables of steps 1 and 2: zone:$zone.id template:$template.id serviceoffering:$offering.id.)",
        ],
        commands: [deployLine, "job", "vm = wait job"],
        apis: ["deployVirtualMachine", "queryAsyncJobResult", "listZones", "listTemplates", "listServiceOfferings"]
    ) { ctx in
        let vms = try await ctx.list("listVirtualMachines", [("name", vmName)])
        guard vms.count <= 1 else {
            throw TourHint(
                "\(vms.count) VMs are named \(vmName): remove the extra ones (`list vms name:\(vmName)`, then `destroy vm id:ID expunge:true`)"
            )
        }
        guard let vm = vms.first else { throw TourHint("no VM named \(vmName) yet: `\(deployLine)`") }
        switch vm.text("state") {
        case "Running": break
        case "Starting":
            throw TourHint(
                "\(vmName) exists but is Starting, not Running yet: wait for the job: `wait job` (or `wait` for every job)"
            )
        case "Stopped":
            throw TourHint("\(vmName) is Stopped (deployed with startvm:false?): start it: `start vm id:\(vmName)`")
        case "Error":
            throw TourHint(
                "the deploy of \(vmName) failed (state Error): remove it with `destroy vm id:\(vmName) expunge:true` and deploy again"
            )
        case let s:
            throw TourHint(
                "\(vmName) is \(s): expunge it (`expunge vm id:\(vmName)`) and deploy a new one: `\(deployLine)`")
        }
        var lines = [
            "deployVirtualMachine answered at once with the VM's id and a job id; \(vmName) was Starting while the job ran.",
            "`wait job` polls queryAsyncJobResult until jobstatus is 1 (0 pending, 2 failed); the job's result is the VM record.",
        ]
        var poll = "queryAsyncJobResult jobid=JOBID   (until jobstatus is not 0)"
        // The learner's `$job`, when it is this deploy's: the server's record of the job.
        if let jobid = ctx.variables("job")?[field: "jobid"]?.plainText, !jobid.isEmpty,
            let job = try? await ctx.api.call("queryAsyncJobResult", [("jobid", jobid)]),
            job.text("jobinstanceid") == vm.text("id")
        {
            lines.append(
                "Job \(jobid) (\(job.text("cmd").split(separator: ".").last ?? "")): jobstatus \(job.text("jobstatus")), created \(job.text("created")), completed \(job.text("completed"))."
            )
            poll = "queryAsyncJobResult jobid=\(jobid)"
        }
        lines.append(
            "\(vmName) is Running on host \(vm.text("hostname")) in \(vm.text("zonename")), IP \(vm[field: "nic"]?[index: 0]?.text("ipaddress") ?? "?"), \(vm.text("templatename")) on \(vm.text("serviceofferingname"))."
        )
        return .passed(
            explanation: lines,
            equivalent: [
                "deployVirtualMachine zoneid=\(vm.text("zoneid")) templateid=\(vm.text("templateid")) serviceofferingid=\(vm.text("serviceofferingid")) name=\(vmName)",
                poll,
            ],
            remember: ["vmid": vm.text("id")])
    }

    /// The VM the tour follows: the one step 3 found, else the one named tour-vm.
    static func tourVM(_ ctx: TourContext) async throws -> Value {
        if let id = ctx.remembered["vmid"], let vm = try await ctx.record("listVirtualMachines", id: id) {
            return vm
        }
        guard let vm = try await ctx.first("listVirtualMachines", [("name", vmName)]) else {
            throw TourHint(
                "no VM named \(vmName) on this server (deleted, or the sandbox was started over): deploy it again: `\(deployLine)`, then `wait job`"
            )
        }
        return vm
    }

    static func gigabytes(_ v: Value) -> String {
        "\(Int(((Double(v.text("size")) ?? 0) / 1_073_741_824).rounded())) GB"
    }
}
