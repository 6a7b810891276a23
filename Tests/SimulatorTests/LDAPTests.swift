import Simulator
import TestSupport
import Testing
import Values

/// LDAP configurations, the deprecated ldapConfig/ldapRemove, linkDomainToLdap, and the directory
/// queries that fail as against an unreachable directory.
@Suite struct LDAPTests {
    @Test func configurationsAreAddedListedAndDeleted() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let added = try await c.get("addLdapConfiguration", [("hostname", "ldap.example.com"), ("port", "0")])
            #expect(added.inner["LdapConfiguration.hostname"]?.text == "ldap.example.com")
            #expect(added.inner["LdapConfiguration.port"]?.number?.int == 389)  // 0 or less: the LDAP port
            let dup = try await c.get("addLdapConfiguration", [("hostname", "ldap.example.com"), ("port", "389")])
            #expect(dup.status == 431)
            #expect(dup.inner["errortext"]?.text == "Duplicate configuration")
            let devDomain = try await c.value("listDomains", [("name", "dev")], "domain.0.id")
            _ = try await c.get(
                "addLdapConfiguration",
                [("hostname", "ldap.dev.example.com"), ("port", "636"), ("domainid", devDomain)])
            // Global ones without domainid; every one with listall; a domain's with its id.
            #expect(try await c.value("listLdapConfigurations", [], "count") == "1")
            #expect(try await c.value("listLdapConfigurations", [("listall", "true")], "count") == "2")
            let scoped = try await c.get("listLdapConfigurations", [("domainid", devDomain)])
            #expect(scoped.inner["LdapConfiguration.0.port"]?.number?.int == 636)
            // Users see that a configuration exists, not where.
            let seen = try await dev.get("listLdapConfigurations")
            #expect(seen.inner["count"]?.number?.int == 1)
            #expect(seen.inner["LdapConfiguration.0.hostname"] == nil)
            #expect(try await dev.get("addLdapConfiguration", [("hostname", "x"), ("port", "1")]).status == 432)

            let missing = try await c.get("deleteLdapConfiguration", [("hostname", "nowhere")])
            #expect(missing.inner["errortext"]?.text == "Cannot find configuration with hostname nowhere")
            let deleted = try await c.get("deleteLdapConfiguration", [("hostname", "ldap.example.com")])
            #expect(deleted.inner["LdapConfiguration.hostname"]?.text == "ldap.example.com")
            #expect(try await c.get("listLdapConfigurations").inner["count"] == nil)
        }
    }

    @Test func theDeprecatedSiteConfigurationAndDomainLinks() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let noHost = try await c.get("ldapConfig", [("searchbase", "dc=example,dc=com")])
            #expect(
                noHost.inner["errortext"]?.text == "You need to provide hostname, port to configure your LDAP server")
            let set = try await c.get(
                "ldapConfig",
                [
                    ("hostname", "ldap.example.com"), ("port", "389"), ("searchbase", "dc=example,dc=com"),
                    ("binddn", "cn=admin,dc=example,dc=com"), ("bindpass", "s3cret"),
                ])
            #expect(set.inner["ldapconfig.port"]?.text == "389")
            #expect(set.inner["ldapconfig.searchbase"]?.text == "dc=example,dc=com")
            #expect(!set.body.contains("s3cret"))
            let listed = try await c.get("ldapConfig", [("listall", "true")])
            #expect(listed.inner["ldapconfig.0.binddn"]?.text == "cn=admin,dc=example,dc=com")
            #expect(!listed.body.contains("s3cret"))

            let devDomain = try await c.value("listDomains", [("name", "dev")], "domain.0.id")
            let link = try await c.get(
                "linkDomainToLdap",
                [("domainid", devDomain), ("type", "GROUP"), ("ldapdomain", "developers"), ("accounttype", "0")])
            #expect(link.inner["LinkDomainToLdap.ldapdomain"]?.text == "developers")
            #expect(link.inner["LinkDomainToLdap.accounttype"]?.number?.int == 0)
            let badType = try await c.get(
                "linkDomainToLdap",
                [("domainid", devDomain), ("type", "GROUP"), ("ldapdomain", "developers"), ("accounttype", "1")])
            #expect(badType.inner["errortext"]?.text == "accountype should be either 0(normal user) or 2(domain admin)")

            // The directory does not answer: no users, and no account made from one.
            #expect(try await c.get("listLdapUsers").inner["count"] == nil)
            #expect(try await c.get("searchLdap", [("query", "alice")]).status == 200)
            let create = try await c.get("ldapCreateAccount", [("username", "alice")])
            #expect(create.status == 534)
            #expect(create.inner["errortext"]?.text == "No LDAP user exists with the username of alice")
            #expect(try await c.get("ldapRemove").inner["ldapremove"] != nil)
            #expect(try await c.get("listLdapConfigurations").inner["count"] == nil)
        }
    }
}
