import Simulator
import TestSupport
import Testing
import Values

/// listTrafficTypeImplementors, updateAnnotationVisibility, isAccountAllowedToCreateOfferingsWithTags
/// and linkAccountToLdap.
@Suite struct AdminLookupTests {
    @Test func trafficTypesAreImplementedByTheServersGurus() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let all = try #require(
                try await c.get("listTrafficTypeImplementors").inner["traffictypeimplementorresponse"]?.list)
            #expect(
                all.contains {
                    $0["traffictype"]?.text == "Public" && $0["traffictypeimplementor"]?.text == "PublicNetworkGuru"
                })
            let guest = try await c.get("listTrafficTypeImplementors", [("traffictype", "guest")]).inner
            let guests = try #require(guest["traffictypeimplementorresponse"]?.list)
            #expect(guests.allSatisfy { $0["traffictype"]?.text == "Guest" } && guests.count > 1)
            #expect(try await c.get("listTrafficTypeImplementors", [("traffictype", "Bogus")]).inner["count"] == nil)
        }
    }

    @Test func annotationsTurnAdminOnlyAndTaggedOfferingsFollowTheRole() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            let note = try await c.value(
                "addAnnotation", [("entitytype", "HOST"), ("entityid", host), ("annotation", "rack 4")], "annotation.id"
            )
            let r = try await c.get("updateAnnotationVisibility", [("id", note), ("adminsonly", "true")]).inner
            #expect(r["annotation.adminsonly"]?.bool == true)
            #expect(r["annotation.annotation"]?.text == "rack 4")
            #expect(
                try await c.get("updateAnnotationVisibility", [("id", "nope"), ("adminsonly", "true")]).status == 530)

            #expect(try await c.get("isAccountAllowedToCreateOfferingsWithTags").inner["isallowed"]?.bool == true)
            let dev = try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.id")
            #expect(
                try await c.get("isAccountAllowedToCreateOfferingsWithTags", [("id", dev)]).inner["isallowed"]?.bool
                    == false)
        }
    }

    @Test func anLdapGroupLinksToAnAccountMadeWhenMissing() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let domain = try await c.value("listDomains", [("name", "ROOT")], "domain.0.id")
            let r = try await c.get(
                "linkAccountToLdap",
                [("domainid", domain), ("ldapdomain", "cn=ops"), ("account", "ops"), ("accounttype", "2")]
            ).inner
            let link = try #require(r["LinkAccountToLdap"])
            #expect(link["type"]?.text == "GROUP")
            #expect(link["accounttype"]?.number?.int == 2)
            let account = try await c.value("listAccounts", [("name", "ops")], "account.0.id")
            #expect(link["accountid"]?.text == account)
            #expect(try await c.value("listAccounts", [("name", "ops")], "account.0.accounttype") == "2")
            let bad = try await c.get(
                "linkAccountToLdap",
                [("domainid", domain), ("ldapdomain", "x"), ("account", "ops"), ("accounttype", "0"), ("type", "TEAM")])
            #expect(bad.status == 530)
        }
    }
}
