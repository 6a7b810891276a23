import Testing
@testable import APICatalog

/// The facts every module reads from APICatalog: read-only, friendly names, ids, word resolution.
@Suite struct APIFactsTests {
    let catalog = Catalog.bundled

    @Test(arguments: [
        ("listZones", true), ("queryAsyncJobResult", true), ("searchLdap", true),
        ("findHostsForMigration", true), ("findStoragePoolsForMigration", true),
        ("isAccountAllowedToCreateOfferingsWithTags", true), ("getVMPassword", true), ("getUserKeys", true),
        ("quotaIsEnabled", true), ("quotaBalance", true), ("cloudianIsEnabled", true),
        // changes, though the verb reads like a question
        ("getUploadParamsForVolume", false), ("getDiagnosticsData", false), ("quotaCredits", false),
        ("quotaTariffUpdate", false), ("validateUserTwoFactorAuthenticationCode", false),
        ("deployVirtualMachine", false), ("login", false), ("logout", false), ("updateZone", false),
    ])
    func readOnly(_ name: String, _ expected: Bool) {
        #expect(API.isReadOnly(name) == expected, "\(name)")
        if let api = catalog.api(named: name) { #expect(api.isReadOnly == expected) }
    }

    @Test func listsReadAndJobsChange() {
        let apis = catalog.allAPIs
        for api in apis where api.verb == "list" { #expect(api.isReadOnly, "\(api.name)") }
        for api in apis where api.isAsync { #expect(!api.isReadOnly, "\(api.name) starts a job") }
    }

    @Test func friendlyNames() throws {
        let deploy = try #require(catalog.api(named: "deployVirtualMachine"))
        #expect(deploy.friendlyName(of: try #require(deploy.param(named: "zoneid"))) == "zone")
        #expect(deploy.friendlyName(of: try #require(deploy.param(named: "name"))) == nil)
        let destroy = try #require(catalog.api(named: "destroyVirtualMachine"))
        #expect(destroy.friendlyName(of: try #require(destroy.param(named: "id"))) == nil)
        let sg = try #require(catalog.api(named: "deployVirtualMachine")?.param(named: "securitygroupids"))
        #expect(deploy.friendlyName(of: sg) == "securitygroups")
    }

    @Test func takesID() {
        #expect(APIParam(name: "zoneid", type: "uuid").takesID)
        #expect(APIParam(name: "virtualmachineids", type: "list").takesID)
        #expect(APIParam(name: "id", type: "uuid").takesID)
        #expect(!APIParam(name: "id", type: "string").takesID)
        #expect(!APIParam(name: "name", type: "string").takesID)
    }

    @Test(arguments: [
        ("0a1b2c3d-0000-4000-8000-00000000abcd", true, true), ("0A1B2C3D-0000-4000-8000-00000000ABCD", true, true),
        ("42", false, true), ("Sandbox-1", false, false), ("0a1b2c3d-0000-4000-8000-00000000abcz", false, false),
        ("0a1b2c3d00000-4000-8000-00000000abcd", false, false), ("", false, false),
    ])
    func ids(_ text: String, _ uuid: Bool, _ id: Bool) {
        #expect(EntityID.isUUID(text) == uuid, "\(text)")
        #expect(EntityID.looksLikeID(text) == id, "\(text)")
    }

    @Test func resolveWords() {
        func r(_ words: [String]) -> (String?, Int) {
            let (res, used) = catalog.resolve(words: words)
            return (res.api?.name, used)
        }
        #expect(r(["list", "zones"]) == ("listZones", 2))
        #expect(r(["listZones"]) == ("listZones", 1))
        #expect(r(["LISTZONES", "extra"]) == ("listZones", 1))
        #expect(r(["deploy"]) == ("deployVirtualMachine", 1))
        #expect(r(["list", "badzones"]) == (nil, 2))
        #expect(r([]) == (nil, 0))
    }
}
