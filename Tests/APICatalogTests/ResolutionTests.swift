import Testing
@testable import APICatalog

@Suite struct ResolutionTests {
    let catalog = Catalog.bundled

    func name(_ r: Resolution) -> String? { r.api?.name }

    @Test(arguments: [
        ("list", "vm", "listVirtualMachines"),
        ("list", "vms", "listVirtualMachines"),
        ("list", "virtualmachine", "listVirtualMachines"),
        ("list", "virtualmachines", "listVirtualMachines"),
        ("LIST", "VirtualMachines", "listVirtualMachines"),
        ("stop", "vms", "stopVirtualMachine"),
        ("stop", "vm", "stopVirtualMachine"),
        ("list", "zone", "listZones"),
        ("list", "zones", "listZones"),
        ("list", "template", "listTemplates"),
        ("list", "capability", "listCapabilities"),
        ("list", "sg", "listSecurityGroups"),
        ("create", "sg", "createSecurityGroup"),
        ("list", "net", "listNetworks"),
        ("list", "vol", "listVolumes"),
        ("list", "snaps", "listSnapshots"),
        ("list", "ip", "listPublicIpAddresses"),
        ("list", "ips", "listPublicIpAddresses"),
        ("associate", "ip", "associateIpAddress"),
        ("list", "fw", "listFirewallRules"),
        ("list", "pf", "listPortForwardingRules"),
        ("list", "lb", "listLoadBalancerRules"),
        ("list", "acct", "listAccounts"),
        ("list", "offerings", "listServiceOfferings"),
        ("create", "keypair", "createSSHKeyPair"),
        ("list", "keypairs", "listSSHKeyPairs"),
        ("list", "apis", "listApis"),
        ("get", "vmpassword", "getVMPassword"),
        ("list", "vpc", "listVPCs"),
    ])
    func verbAndNoun(verb: String, noun: String, expected: String) {
        #expect(name(catalog.resolve(verb: verb, noun: noun)) == expected, "\(verb) \(noun)")
    }

    @Test func omittedNoun() {
        #expect(name(catalog.resolve(verb: "deploy", noun: nil)) == "deployVirtualMachine")
        #expect(name(catalog.resolve(verb: "stop", noun: "")) == "stopVirtualMachine")
        #expect(name(catalog.resolve(verb: "login", noun: nil)) == "login")
        // A verb with a single API needs no noun.
        let single = catalog.verbs.filter { catalog.apiNames(forVerb: $0).count == 1 }
        #expect(single.count > 10)
        for verb in single {
            #expect(name(catalog.resolve(verb: verb, noun: nil)) == catalog.apiNames(forVerb: verb)[0])
        }
        guard case .ambiguous(let apis) = catalog.resolve(verb: "list", noun: nil) else {
            Issue.record("list alone should be ambiguous"); return
        }
        #expect(apis.count > 100)
        #expect(apis.allSatisfy { $0.verb == "list" })
    }

    @Test func typosAreNotGuessed() {
        #expect(name(catalog.resolve(verb: "list", noun: "badzones")) == nil)
        #expect(name(catalog.resolve(verb: "delete", noun: "foovolume")) == nil)
        guard case .notFound(let s) = catalog.resolve(verb: "create", noun: "vm") else {
            Issue.record("create vm resolved"); return
        }
        #expect(s.contains("vmsnapshot"))
        guard case .notFound(let sg) = catalog.resolve(verb: "authorize", noun: "sg") else {
            Issue.record("authorize sg resolved"); return
        }
        #expect(Set(sg) == ["securitygroupingress", "securitygroupegress"])
    }

    @Test func rawNames() {
        #expect(name(catalog.resolve(word: "deployVirtualMachine")) == "deployVirtualMachine")
        #expect(name(catalog.resolve(word: "DEPLOYVIRTUALMACHINE")) == "deployVirtualMachine")
        guard case .notFound(let s) = catalog.resolve(word: "deployVirtualMachne") else {
            Issue.record("misspelt name resolved"); return
        }
        #expect(s.first == "deployVirtualMachine")
    }

    @Test func unknownNounSuggestsNouns() {
        guard case .notFound(let s) = catalog.resolve(verb: "list", noun: "zonez") else {
            Issue.record("zonez resolved"); return
        }
        #expect(s.first == "zones")
        guard case .notFound(let v) = catalog.resolve(verb: "lsit", noun: "zones") else {
            Issue.record("lsit resolved"); return
        }
        #expect(v.first == "list")
    }

    @Test func suggestionsPreferPrefixesAndStopAtThree() {
        let s = Catalog.suggestions(for: "virtualmach", among: catalog.nouns(forVerb: "list"))
        #expect(s.count == 3)
        #expect(s.first == "virtualmachines")
        #expect(s.allSatisfy { $0.hasPrefix("virtualmach") })
        #expect(Catalog.suggestions(for: "regsiterTemplate", among: catalog.apiNames) == ["registerTemplate"])
        #expect(Catalog.suggestions(for: "qqqqqqq", among: catalog.apiNames).isEmpty)
        #expect(Catalog.suggestions(for: "", among: ["a"]).isEmpty)
    }

    @Test func editDistanceCountsSwapsOnce() {
        func d(_ a: String, _ b: String) -> Int {
            Catalog.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }
        #expect(d("list", "lsit") == 1)
        #expect(d("kitten", "sitting") == 3)
        #expect(d("", "abc") == 3)
        #expect(d("abc", "abc") == 0)
        #expect(d("ca", "abc") == 3)
    }

    @Test(arguments: [
        ("deployVirtualMachine", "zoneid", "listZones"),
        ("deployVirtualMachine", "serviceofferingid", "listServiceOfferings"),
        ("deployVirtualMachine", "templateid", "listTemplates"),
        ("deployVirtualMachine", "networkids", "listNetworks"),
        ("attachVolume", "virtualmachineid", "listVirtualMachines"),
        ("attachVolume", "id", "listVolumes"),
        ("stopVirtualMachine", "id", "listVirtualMachines"),
        ("destroyVirtualMachine", "volumeids", "listVolumes"),
        ("copyIso", "destzoneid", "listZones"),
        ("createPod", "zoneid", "listZones"),
        ("addAccountToProject", "projectid", "listProjects"),
        ("acquirePodIpAddress", "podid", "listPods"),
    ])
    func listAPIForParams(apiName: String, param: String, expected: String) throws {
        let api = try #require(catalog.api(named: apiName))
        #expect(catalog.listAPI(forParam: param, of: api)?.name == expected, "\(apiName) \(param)")
    }

    @Test func listAPIGuessesFromNameAlone() {
        let vmid = APIParam(name: "vmid", type: "uuid")
        #expect(catalog.listAPI(for: vmid)?.name == "listVirtualMachines")
        let text = APIParam(name: "displaytext", type: "string")
        #expect(catalog.listAPI(for: text) == nil)
        #expect(catalog.listAPI(for: APIParam(name: "id", type: "uuid")) == nil)
    }

    @Test func nounForms() {
        #expect(NounForms.singulars(of: "policies").contains("policy"))
        #expect(NounForms.singulars(of: "addresses").contains("address"))
        #expect(NounForms.singulars(of: "address").isEmpty)
        #expect(NounForms.plurals(of: "policy") == ["policies", "policys"])
        #expect(NounForms.plurals(of: "address") == ["addresses", "addresss"])
        #expect(NounForms.plurals(of: "day") == ["days"])
        #expect(NounForms.candidates(for: "VMs").prefix(3) == ["vms", "vm", "virtualmachine"])
    }
}
