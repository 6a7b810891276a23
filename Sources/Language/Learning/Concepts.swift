/// `help concepts` and `help CONCEPT`: what the main CloudStack notions are, in
/// acsh's own words, the commands that work with each, and a one-line example
/// that runs in the sandbox (a test runs every example there). Data only: add
/// a concept by adding an entry.
struct Concept: Sendable {
    let name: String
    /// A few words for the `help concepts` list.
    let summary: String
    /// Other words `help` accepts for it (singular forms, short names).
    let aliases: [String]
    let text: String
    let commands: [String]
    let example: String
}

enum Concepts {
    static let all: [Concept] = [
        Concept(
            name: "zone", summary: "a data centre; everything you create lives in one",
            aliases: ["zones", "datacenter"],
            text:
                "The largest unit of a cloud, usually one data centre. Everything you create lives in a zone, so most create and deploy calls take zone:NAME. A Basic zone gives machines one shared network guarded by security groups; an Advanced zone gives each account its own networks.",
            commands: ["list zones"],
            example: "list zones | select name networktype"),
        Concept(
            name: "pod", summary: "a rack inside a zone, holding clusters", aliases: ["pods", "rack"],
            text:
                "A part of a zone, roughly a rack with its own switch and management IP range. Pods hold clusters. Users rarely see pods; admins use them to plan capacity and addressing.",
            commands: ["list pods"],
            example: "list pods | select name zonename"),
        Concept(
            name: "cluster", summary: "hosts with one hypervisor and shared storage", aliases: ["clusters"],
            text:
                "A group of hosts inside a pod that run the same hypervisor and share primary storage, so a machine can move between them while running.",
            commands: ["list clusters"],
            example: "list clusters | select name hypervisortype"),
        Concept(
            name: "host", summary: "one physical server running a hypervisor", aliases: ["hosts", "hypervisor"],
            text:
                "One physical server running a hypervisor. CloudStack picks a host with room when you deploy; admins list hosts to see state and capacity. Zone > pod > cluster > host is the infrastructure tree.",
            commands: ["list hosts"],
            example: "list hosts | select name state zonename"),
        Concept(
            name: "template", summary: "the disk image a machine starts from", aliases: ["templates", "image"],
            text:
                "A disk image a new machine starts from (an operating system, maybe with software). Templates belong to a zone; templatefilter says whose you want to see: executable means every one you may deploy.",
            commands: ["list templates", "deploy vm template:NAME ...", "register template", "delete template"],
            example: "list templates templatefilter:executable | select name ostypename"),
        Concept(
            name: "service offering", summary: "the size of a machine: CPUs and memory",
            aliases: ["service offerings", "serviceoffering", "offering", "compute offering"],
            text:
                "The size of a machine: CPU count and speed, memory, and a few policies. You choose one at deploy time and can change it later on a stopped machine.",
            commands: [
                "list serviceofferings", "deploy vm serviceoffering:NAME ...", "change serviceforvirtualmachine",
            ],
            example: "list serviceofferings | select name cpunumber memory"),
        Concept(
            name: "disk offering", summary: "the size of an extra data disk",
            aliases: ["disk offerings", "diskoffering"],
            text:
                "The size and kind of an extra (data) disk. A custom offering lets you choose the size in GB when you create the volume.",
            commands: ["list diskofferings", "create volume diskoffering:NAME ..."],
            example: "list diskofferings | select name disksize iscustomized"),
        Concept(
            name: "volume", summary: "a virtual disk: ROOT from the template, DATADISK extra",
            aliases: ["volumes", "disk"],
            text:
                "A virtual disk. Every machine has a ROOT volume made from its template; DATADISK volumes come from a disk offering, can be attached to and detached from a machine, and outlive it.",
            commands: [
                "list volumes", "create volume", "attach volume", "detach volume", "resize volume", "delete volume",
            ],
            example: "create volume name:data-1 zone:Sandbox-1 diskoffering:Small"),
        Concept(
            name: "security group", summary: "named firewall rules for machines",
            aliases: ["security groups", "securitygroup", "sg"],
            text:
                "A named set of firewall rules applied to machines in zones that use security groups (Basic zones). Each account has a group called default; a machine may be in several groups and gets the union of their rules.",
            commands: ["list securitygroups", "create securitygroup", "delete securitygroup"],
            example: "create securitygroup name:web description:\"web servers\""),
        Concept(
            name: "ingress and egress rules", summary: "what may come in and go out of a security group",
            aliases: ["ingress", "egress", "rules", "ingress rule", "egress rule", "firewall"],
            text:
                "The rules of a security group. Ingress rules say which traffic may come in (protocol, ports, source CIDR or another group); egress rules say which may go out. Without ingress rules nothing gets in. Adding and removing rules are async jobs.",
            commands: [
                "authorize securitygroupingress", "authorize securitygroupegress", "revoke securitygroupingress",
                "revoke securitygroupegress",
            ],
            example:
                "authorize securitygroupingress securitygroupname:default protocol:tcp startport:22 endport:22 cidrlist:0.0.0.0/0"
        ),
        Concept(
            name: "vpc", summary: "a private cloud network split into tiers",
            aliases: ["vpcs", "virtual private cloud", "tier", "tiers"],
            text:
                "A Virtual Private Cloud: one address block (cidr) of your own, cut into tiers. A tier is a network created with vpcid and a gateway inside the block; network ACL lists say what may enter and leave each tier. One virtual router serves the whole VPC and holds its public addresses.",
            commands: [
                "create vpc", "list vpcs", "create network vpcid:ID ...", "create networkacllist", "create networkacl",
            ],
            example:
                "create vpc name:shop displaytext:shop cidr:10.10.0.0/16 zone:Sandbox-1 vpcoffering:\"Default VPC offering\""
        ),
        Concept(
            name: "load balancer", summary: "spread one public port over several machines",
            aliases: ["load balancers", "loadbalancer", "lb", "load balancer rule"],
            text:
                "A rule on a public IP address that spreads one port over the machines assigned to it (roundrobin, leastconn or source). Get an address with associate ipaddress, create the rule, then assign machines to it; its public port may not overlap a port forwarding rule on the same address.",
            commands: [
                "associate ipaddress", "create loadbalancerrule", "assign toloadbalancerrule",
                "list loadbalancerruleinstances",
            ],
            example:
                "ip = associate ipaddress network:admin-network; create loadbalancerrule name:web publicipid:$ip.id algorithm:roundrobin publicport:80 privateport:8080"
        ),
        Concept(
            name: "autoscale", summary: "grow and shrink the machines behind a load balancer",
            aliases: [
                "autoscaling", "autoscale group", "autoscale vm group", "autoscale policy", "counter", "condition",
            ],
            text:
                "A group of machines behind one load balancer rule that grows and shrinks between a minimum and a maximum. A counter is something measured (CPU, memory, connections), a condition compares it with a threshold, a policy (ScaleUp or ScaleDown) acts when its conditions hold for its duration, and a VM profile says what to deploy. The group joins them on the rule; once enabled it keeps at least its minimum running.",
            commands: [
                "list counters", "create condition", "create autoscalepolicy", "create autoscalevmprofile",
                "create autoscalevmgroup", "disable autoscalevmgroup",
            ],
            example:
                "cpu = list counters source:cpu provider:VirtualRouter | first; c = create condition counterid:$cpu.id relationaloperator:GT threshold:80; create autoscalepolicy name:grow action:ScaleUp duration:60 conditionids:$c.id | select name action duration"
        ),
        Concept(
            name: "domain", summary: "a branch of the tree that organizes accounts", aliases: ["domains"],
            text:
                "A branch of the tree that organizes accounts (ROOT at the top), e.g. one per customer or department. Admins of a domain manage everything below it.",
            commands: ["list domains", "create domain"],
            example: "list domains | select name path"),
        Concept(
            name: "account", summary: "who owns resources; holds users", aliases: ["accounts"],
            text:
                "The owner of resources and the unit of limits and billing, inside a domain. An account has one or more users; what one user creates belongs to the account.",
            commands: ["list accounts", "create account"],
            example: "list accounts | select name roletype domain"),
        Concept(
            name: "user", summary: "who signs in: password or API key and secret key", aliases: ["users"],
            text:
                "A person or program that signs in to an account, with a password or an API key and secret key. Calls are signed with the secret key; the key pair belongs to one user.",
            commands: ["list users", "create user", "register userkeys"],
            example: "list users | select username account state"),
        Concept(
            name: "project", summary: "resources a team shares, whatever account made them", aliases: ["projects"],
            text:
                "A group of accounts that share resources: what is created with projectid belongs to the project, not to one account, and counts against the project's own limits. Members are Admin or Regular; list calls show a project's resources only when given its projectid (or projectid:-1 for every project you see).",
            commands: [
                "create project", "list projects", "add accounttoproject", "list projectaccounts",
                "deploy vm project:NAME ...",
            ],
            example:
                "p = create project name:web displaytext:\"Web team\"; list projectaccounts projectid:$p.id | select account role"
        ),
        Concept(
            name: "role", summary: "which APIs an account may call",
            aliases: ["roles", "role permission", "role permissions", "permission"],
            text:
                "Each account has a role (Root Admin, Domain Admin, User, Read-Only User, ... or one of your own). A role's permissions are rules: an API name or a wildcard such as list*, allowed or denied, read in order; listApis shows an account only the APIs its role allows.",
            commands: ["list roles", "create role", "create rolepermission", "list rolepermissions"],
            example:
                "r = create role name:auditor type:User description:\"reads only\"; create rolepermission roleid:$r.id rule:list* permission:allow; list rolepermissions roleid:$r.id | select rule permission"
        ),
        Concept(
            name: "async job", summary: "long calls answer with a job id; acsh polls it",
            aliases: ["async jobs", "asyncjob", "job", "jobs", "async"],
            text:
                "Calls that take time (deploy, stop, create volume, ...) answer at once with a job id; the work goes on in the background and queryAsyncJobResult tells when it ends and with what result. acsh waits for you, or gives you the job with &, and `wait` finishes it.",
            commands: [
                "queryAsyncJobResult jobid=ID", "list asyncjobs", "wait JOB", "explain COMMAND (shows the polling)",
            ],
            example:
                "job = stop vm id:(deploy template:\"Debian 12\" zone:Sandbox-1 serviceoffering:\"Small Instance\").id &; print (wait job).state"
        ),
    ]

    static func find(_ words: [String]) -> Concept? {
        let key = words.joined(separator: " ").lowercased()
        return all.first { $0.name == key || $0.aliases.contains(key) }
    }

    static func describe(_ c: Concept) -> String {
        var out = "\(c.name)    (concept)\n"
        out += wrap(c.text, indent: "  ") + "\n"
        out += "  commands: \(c.commands.joined(separator: ", "))\n"
        out += "  example:  \(c.example)"
        return out
    }

    static func overview() -> String {
        var out = "Concepts (help CONCEPT for each):\n"
        let width = all.map(\.name.count).max() ?? 0
        for c in all {
            out += "  " + c.name + String(repeating: " ", count: width - c.name.count) + "  " + c.summary + "\n"
        }
        out += "zone > pod > cluster > host is the infrastructure; domain > account > user is who owns what."
        return out
    }

    /// Wraps text at about 78 columns.
    static func wrap(_ text: String, indent: String, width: Int = 78) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line.count > indent.count {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
