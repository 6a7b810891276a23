import Values

/// Steps 4 and 5: storage and firewalling around the tour's VM.
extension TourSteps {
    static let createVolumeLine = "disk = create volume name:\(volumeName) zone:Sandbox-1 diskoffering:Small"
    static let attachLine = "attach volume id:\(volumeName) virtualmachineid:\(vmName)"

    // MARK: 4 volumes

    static let volumes = TourStep(
        id: "volumes", title: "The VM's root volume and a data volume",
        goal: [
            "Every VM has a ROOT volume, made from the template by the deploy.",
            "Extra storage is a data volume: created on its own from a disk offering, then attached.",
            "Names work where ids are wanted: acsh looks them up (id:\(volumeName), virtualmachineid:\(vmName)).",
        ],
        commands: ["list volumes virtualmachineid:\(vmName)", createVolumeLine, attachLine],
        apis: [
            "listVolumes", "createVolume", "attachVolume", "queryAsyncJobResult", "listVirtualMachines",
            "listDiskOfferings",
        ]
    ) { ctx in
        let vm = try await tourVM(ctx)
        let mine = try await ctx.list("listVolumes", [("virtualmachineid", vm.text("id"))])
            .filter { $0.text("virtualmachineid") == vm.text("id") }
        guard let root = mine.first(where: { $0.text("type") == "ROOT" }) else {
            throw TourHint("\(vmName) has no ROOT volume on this server: is it still deploying? `wait job`")
        }
        guard let data = mine.first(where: { $0.text("type") == "DATADISK" }) else {
            guard let named = try await ctx.first("listVolumes", [("name", volumeName)]) else {
                throw TourHint(
                    "no data volume on \(vmName) yet: create one: `\(createVolumeLine)`, then `\(attachLine)`")
            }
            if !named.text("virtualmachineid").isEmpty {
                throw TourHint(
                    "\(volumeName) is attached to another VM (\(named.text("vmname"))): `detach volume id:\(volumeName)`, then `\(attachLine)`"
                )
            }
            throw TourHint(
                "\(volumeName) exists (\(named.text("state"))) but is not attached to \(vmName): `\(attachLine)`")
        }
        return .passed(
            explanation: [
                "\(root.text("name")) (\(gigabytes(root)), device \(root.text("deviceid"))) came with the deploy, copied from the template; it lives and dies with the VM.",
                "\(data.text("name")) (\(gigabytes(data)), disk offering \(data.text("diskofferingname")), device \(data.text("deviceid"))) is a DATADISK: created Allocated (no storage used until attached), then attached.",
                "A data volume can be detached and attached elsewhere, and it outlives its VM (step 8 shows it).",
                "createVolume and attachVolume are async jobs like the deploy; acsh waited for both.",
            ],
            equivalent: [
                "listVolumes virtualmachineid=\(vm.text("id"))",
                "createVolume name=\(data.text("name")) zoneid=\(data.text("zoneid")) diskofferingid=\(data.text("diskofferingid"))",
                "attachVolume id=\(data.text("id")) virtualmachineid=\(vm.text("id"))",
            ],
            remember: ["rootvolumeid": root.text("id"), "datavolumeid": data.text("id")])
    }

    // MARK: 5 security group

    static let ingressLine =
        "authorize securitygroupingress securitygroupname:\(groupName) protocol:tcp startport:22 endport:22 cidrlist:0.0.0.0/0"
    static let egressLine =
        "authorize securitygroupegress securitygroupname:\(groupName) protocol:tcp startport:443 endport:443 cidrlist:0.0.0.0/0"

    static let securityGroup = TourStep(
        id: "securitygroup", title: "A security group with an ingress and an egress rule",
        goal: [
            "A security group is a firewall on VM NICs (in zones with security groups, like Sandbox-2).",
            "Ingress rules say what may come in, egress rules what may go out.",
            "Make one that lets ssh in and https out.",
        ],
        commands: [
            "create securitygroup name:\(groupName) description:\"tour: ssh in, https out\"", ingressLine, egressLine,
            "list securitygroups securitygroupname:\(groupName)",
        ],
        apis: [
            "createSecurityGroup", "authorizeSecurityGroupIngress", "authorizeSecurityGroupEgress",
            "queryAsyncJobResult", "listSecurityGroups",
        ]
    ) { ctx in
        guard let sg = try await ctx.first("listSecurityGroups", [("securitygroupname", groupName)]) else {
            throw TourHint("no security group named \(groupName) yet: `create securitygroup name:\(groupName)`")
        }
        let ingress = sg[field: "ingressrule"]?.list ?? [], egress = sg[field: "egressrule"]?.list ?? []
        guard !ingress.isEmpty else {
            throw TourHint("\(groupName) has no ingress rule yet (nothing may come in): `\(ingressLine)`")
        }
        guard !egress.isEmpty else {
            throw TourHint("\(groupName) has an ingress rule but no egress rule yet: `\(egressLine)`")
        }
        return .passed(
            explanation: [
                "\(groupName) lets in: \(ingress.map(rule).joined(separator: "; ")).",
                "It lets out: \(egress.map(rule).joined(separator: "; ")).",
                "With no egress rule a group lets everything out; once it has egress rules, only what they allow goes out.",
                "The authorize APIs are async jobs; a VM gets groups at deploy (securitygroupids) in a zone with security groups.",
            ],
            equivalent: [
                "createSecurityGroup name=\(groupName)",
                "authorizeSecurityGroupIngress securitygroupname=\(groupName) protocol=tcp startport=22 endport=22 cidrlist=0.0.0.0/0",
                "authorizeSecurityGroupEgress securitygroupname=\(groupName) protocol=tcp startport=443 endport=443 cidrlist=0.0.0.0/0",
            ])
    }

    /// `tcp 22-22 from 0.0.0.0/0`, as a person reads a rule.
    static func rule(_ r: Value) -> String {
        let proto = r.text("protocol")
        var ports = ""
        if proto == "icmp" {
            ports = " type \(r.text("icmptype")) code \(r.text("icmpcode"))"
        } else if !r.text("startport").isEmpty {
            ports = " \(r.text("startport"))-\(r.text("endport"))"
        }
        let peer = r.text("cidr").isEmpty ? "group \(r.text("securitygroupname"))" : r.text("cidr")
        return "\(proto)\(ports) \(peer)"
    }
}
