import APICatalog
import Contracts
import Values

/// At an interactive prompt, a command stage about to change more than
/// `threshold` records asks once first: "destroy 37 virtual machines (web-1,
/// web-2, ...)? [y/N]". `set confirm off` and `--yes` turn it off; scripts, `-c`
/// and piped input never ask (the host cannot), they have `--dry-run`.
extension Interpreter {
    static let confirmThreshold = 3

    /// Whether this stage must count its records and maybe ask before the first call.
    func mayAsk(_ api: API) -> Bool {
        options.confirm && host.canAsk && !api.isReadOnly && !options.dryRun && !Self.explaining
    }

    /// Asks about `records`; throws when the answer is not yes (nothing was sent).
    func confirmBulk(_ api: API, _ records: [Value], _ loc: SourceLocation) async throws {
        guard records.count > Self.confirmThreshold else { return }
        let names = records.prefix(3).map { r in
            (r[field: "name"] ?? r[field: "displayname"] ?? r[field: "id"])?.plainText ?? "?"
        }
        let what = "\(api.verb) \(records.count) \(Self.plural(api.noun)) (\(names.joined(separator: ", ")), ...)"
        guard await host.confirm("\(what)? [y/N] ") else {
            throw ScriptError(
                "\(api.verb) not confirmed: nothing was sent (`set confirm off` stops asking)", at: loc, exitCode: 1)
        }
    }

    /// A catalog noun as people write it in the plural: `virtualmachine` -> `virtual machines`.
    static func plural(_ noun: String) -> String {
        let words: [String: String] = [
            "virtualmachine": "virtual machines", "securitygroup": "security groups",
            "publicipaddress": "public IP addresses",
            "ipaddress": "IP addresses", "sshkeypair": "SSH key pairs", "firewallrule": "firewall rules",
            "portforwardingrule": "port forwarding rules", "loadbalancerrule": "load balancer rules",
            "vmsnapshot": "VM snapshots", "instancegroup": "instance groups", "affinitygroup": "affinity groups",
            "networkacl": "network ACL rules", "egressfirewallrule": "egress firewall rules", "asyncjob": "async jobs",
            "storagepool": "storage pools", "systemvm": "system VMs", "diskoffering": "disk offerings",
            "serviceoffering": "service offerings", "networkoffering": "network offerings", "tags": "tags",
        ]
        if let w = words[noun] { return w }
        return NounForms.plurals(of: noun).first ?? noun + "s"
    }
}
