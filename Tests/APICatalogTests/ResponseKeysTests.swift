import APICatalog
import Testing

/// The item key of list answers and the key of single objects (Sources/APICatalog/ResponseKeys.swift).
@Suite struct ResponseKeysTests {
    @Test(arguments: [
        ("listVPCs", "vpc"), ("listSnapshotPolicies", "snapshotpolicy"), ("listPublicIpAddresses", "publicipaddress"),
        ("listUserData", "userdata"), ("listVMSnapshot", "vmSnapshot"), ("listEgressFirewallRules", "firewallrule"),
        ("listAsyncJobs", "asyncjobs"), ("listLBStickinessPolicies", "stickinesspolicies"), ("listIsos", "iso"),
    ])
    func listKeys(api: String, key: String) throws {
        #expect(try #require(Catalog.bundled.api(named: api)).listItemKey == key)
    }

    @Test func objectKeysAreTheListKeyInLowerCaseAndOnlyListsHaveThem() throws {
        #expect(try #require(Catalog.bundled.api(named: "listVMSnapshot")).objectKey == "vmsnapshot")
        #expect(try #require(Catalog.bundled.api(named: "createVPC")).listItemKey == nil)
        #expect(API.singular("addresses") == "address")
        #expect(API.singular("class") == "class")
    }
}
