/// How a typed noun maps onto catalog nouns: short aliases, singular and plural.
/// The one alias table of acsh lives here; completion and help read it too.
public enum NounForms {
    /// Short or everyday names for catalog nouns (singular forms on both sides).
    public static let aliases: [String: String] = [
        "vm": "virtualmachine", "instance": "virtualmachine", "server": "virtualmachine",
        "sg": "securitygroup", "secgroup": "securitygroup",
        "tmpl": "template", "tpl": "template",
        "net": "network", "vol": "volume", "disk": "volume", "snap": "snapshot",
        "vmsnap": "vmsnapshot",
        "ip": "publicipaddress", "ipaddress": "publicipaddress", "publicip": "publicipaddress",
        "fw": "firewallrule", "egress": "egressfirewallrule",
        "pf": "portforwardingrule", "lb": "loadbalancerrule", "acl": "networkacl",
        "acct": "account", "offering": "serviceoffering", "so": "serviceoffering",
        "netoffering": "networkoffering",
        "keypair": "sshkeypair", "sshkey": "sshkeypair", "key": "sshkeypair",
        "pool": "storagepool", "primarystorage": "storagepool",
        "job": "asyncjob", "sysvm": "systemvm", "vr": "router",
        "config": "configuration", "setting": "configuration",
        "os": "ostype", "k8s": "kubernetescluster", "kube": "kubernetescluster",
        "group": "instancegroup", "affinity": "affinitygroup",
    ]

    /// The catalog noun an alias stands for, nil when `word` is no alias.
    public static func alias(of word: String) -> String? {
        let a = aliases[word.lowercased()]
        return a == word ? nil : a
    }

    /// Singular readings of a plural: `policies` -> `policy`, `addresses` -> `address`
    /// (and `addresse`, harmless), `zones` -> `zone`. Empty when `word` is no plural.
    public static func singulars(of word: String) -> [String] {
        var out: [String] = []
        if word.hasSuffix("ies"), word.count > 3 { out.append(String(word.dropLast(3)) + "y") }
        if word.hasSuffix("es"), word.count > 2 { out.append(String(word.dropLast(2))) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 1 { out.append(String(word.dropLast())) }
        return out
    }

    /// Plural spellings of a singular: `policy` -> `policies`, `address` -> `addresses`.
    public static func plurals(of word: String) -> [String] {
        guard let last = word.last else { return [] }
        var out: [String] = []
        if last == "y", let before = word.dropLast().last, !"aeiou".contains(before) {
            out.append(String(word.dropLast()) + "ies")
        }
        if ["s", "x", "z"].contains(last) || word.hasSuffix("ch") || word.hasSuffix("sh") {
            out.append(word + "es")
        }
        out.append(word + "s")
        return out
    }

    /// The alias targets among `candidates(for:)`: nouns `typed` names only through the alias table.
    public static func aliasTargets(for typed: String) -> [String] {
        let word = typed.lowercased()
        let targets = ([word] + singulars(of: word)).compactMap(alias(of:))
        return targets + targets.flatMap(plurals(of:))
    }

    /// Catalog nouns `typed` may stand for, best first: the word itself, its alias,
    /// its singulars and their aliases, then plurals of all of those.
    public static func candidates(for typed: String) -> [String] {
        let word = typed.lowercased()
        var bases: [String] = [word]
        if let a = alias(of: word) { bases.append(a) }
        for s in singulars(of: word) {
            bases.append(s)
            if let a = alias(of: s) { bases.append(a) }
        }
        var out: [String] = []
        var seen = Set<String>()
        for b in bases + bases.flatMap(plurals(of:)) where seen.insert(b).inserted {
            out.append(b)
        }
        return out
    }
}
