import Testing
@testable import APICatalog

@Suite struct SplitTests {
    @Test(arguments: [
        ("deployVirtualMachine", "deploy", "virtualmachine"),
        ("listApis", "list", "apis"),
        ("getVMPassword", "get", "vmpassword"),
        ("queryAsyncJobResult", "query", "asyncjobresult"),
        ("addNicToVirtualMachine", "add", "nictovirtualmachine"),
        ("createVPC", "create", "vpc"),
        ("login", "login", ""),
        ("listVirtualMachinesMetrics", "list", "virtualmachinesmetrics"),
        ("ldapCreateAccount", "ldap", "createaccount"),
    ])
    func verbAndNoun(name: String, verb: String, noun: String) {
        let (v, n) = API.split(name)
        #expect(v == verb)
        #expect(n == noun)
    }

    @Test func bundledAPIsCarryTheirSplit() throws {
        let api = try #require(Catalog.bundled.api(named: "getVMPassword"))
        #expect(api.verb == "get")
        #expect(api.noun == "vmpassword")
    }

    @Test func paramLookupIgnoresCase() throws {
        let api = try #require(Catalog.bundled.api(named: "deployVirtualMachine"))
        #expect(api.param(named: "ZoneId")?.name == "zoneid")
        #expect(api.param(named: "nosuchparam") == nil)
        #expect(Set(api.requiredParams.map(\.name)) == ["serviceofferingid", "templateid", "zoneid"])
    }

    @Test func friendlyParamNames() throws {
        let deploy = try #require(Catalog.bundled.api(named: "deployVirtualMachine"))
        #expect(deploy.param(friendly: "zone")?.name == "zoneid")
        #expect(deploy.param(friendly: "zoneid")?.name == "zoneid")
        #expect(deploy.param(friendly: "template")?.name == "templateid")
        #expect(deploy.param(friendly: "name")?.name == "name")
        #expect(deploy.param(friendly: "affinitygroups")?.name == "affinitygroupids")
        let attach = try #require(Catalog.bundled.api(named: "attachVolume"))
        #expect(attach.param(friendly: "vm")?.name == "virtualmachineid")
        #expect(attach.param(friendly: "nosuch") == nil)
    }
}
