import Simulator
import TestSupport
import Testing
import Values

/// Dedicating zones, pods, clusters and hosts to a domain or an account, and what it does to deploys.
@Suite struct DedicationTests {
    @Test func aHostDedicatedToAnAccountTakesOnlyItsVMs() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let hosts = try #require(
                try await c.get("listHosts", [("zoneid", zone), ("type", "Routing")]).inner["host"]?.list)
            let first = try #require(hosts.first?[field: "id"]?.text)
            let devDomain = try await c.value("listDomains", [("name", "dev")], "domain.0.id")
            let job = try await c.job("dedicateHost", [("hostid", first), ("domainid", devDomain), ("account", "dev")])
            #expect(job["cmd"]?.text == "org.apache.cloudstack.api.commands.DedicateHostCmd")
            let d = try #require(job["jobresult.dedicatedhost"])
            #expect(d[field: "hostid"]?.text == first)
            #expect(d[field: "hostname"]?.text == hosts.first?[field: "name"]?.text)
            let devAccount = try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.id")
            #expect(d[field: "accountid"]?.text == devAccount)
            let group = try #require(d[field: "affinitygroupid"]?.text)
            #expect(
                try await c.value("listAffinityGroups", [("id", group), ("listall", "true")], "affinitygroup.0.name")
                    == "DedicatedGrp-dev")
            #expect(
                try await c.value("listDedicatedHosts", [("account", "dev"), ("domainid", devDomain)], "count") == "1")

            // The admin's VMs go to the other host; dev's may use the dedicated one.
            let adminVM = try await c.deploy()
            #expect(adminVM["jobresult.virtualmachine.hostid"]?.text != first)
            let again = try await c.get("dedicateHost", [("hostid", first), ("domainid", devDomain)])
            #expect(again.status == 530)
            #expect(
                again.inner["errortext"]?.text == "Host \(hosts.first?[field: "name"]?.text ?? "") is already dedicated"
            )
            // Not over another owner's running VM.
            let second = try #require(adminVM["jobresult.virtualmachine.hostid"]?.text)
            let busy = try await c.get(
                "dedicateHost", [("hostid", second), ("domainid", devDomain), ("account", "dev")])
            #expect(
                busy.inner["errortext"]?.text?.hasSuffix(
                    "found to be unsuitable for explicit dedication as it is running instances of another account")
                    == true)

            let released = try await c.job("releaseDedicatedHost", [("hostid", first)])
            #expect(released["jobresult.success"]?.bool == true)
            #expect(try await c.get("listDedicatedHosts").inner["count"] == nil)
            #expect(try await c.get("listAffinityGroups", [("id", group), ("listall", "true")]).inner["count"] == nil)
            let none = try await c.get("releaseDedicatedHost", [("hostid", first)])
            #expect(none.inner["errortext"]?.text == "No Dedicated Resource available to release")
        }
    }

    @Test func containersAndWhatIsInsideThem() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-2")], "zone.0.id")
            let pod = try await c.value("listPods", [("zoneid", zone)], "pod.0.id")
            let cluster = try await c.value("listClusters", [("zoneid", zone)], "cluster.0.id")
            let root = try await c.value("listDomains", [("name", "ROOT")], "domain.0.id")
            let devDomain = try await c.value("listDomains", [("name", "dev")], "domain.0.id")
            // A cluster dedicated to dev's domain, then its zone to the same domain: the cluster's is folded in.
            _ = try await c.job("dedicateCluster", [("clusterid", cluster), ("domainid", devDomain)])
            let zoneJob = try await c.job("dedicateZone", [("zoneid", zone), ("domainid", devDomain)])
            #expect(zoneJob["jobresult.dedicatedzone.zonename"]?.text == "Sandbox-2")
            #expect(zoneJob["jobresult.dedicatedzone.accountid"] == nil)
            #expect(try await c.get("listDedicatedClusters").inner["count"] == nil)
            #expect(try await c.value("listDedicatedZones", [("zoneid", zone)], "count") == "1")
            // Inside a zone dedicated to dev, a pod may go to dev's account, not to the ROOT domain.
            let toRoot = try await c.get("dedicatePod", [("podid", pod), ("domainid", root)])
            #expect(toRoot.status == 530)
            #expect(toRoot.inner["errortext"]?.text == "Pod's Zone Sandbox-2 is already dedicated")
            let podJob = try await c.job("dedicatePod", [("podid", pod), ("domainid", devDomain), ("account", "dev")])
            #expect(podJob["jobresult.dedicatedpod.podid"]?.text == pod)
            // Releasing the zone leaves the pod's own dedication; the admin's deploys there now fail (533).
            _ = try await c.job("releaseDedicatedZone", [("zoneid", zone)])
            let adminVM = try await c.deploy(zone: "Sandbox-2")
            #expect(adminVM["jobstatus"]?.number?.int == 2)
            #expect(adminVM["jobresult.errorcode"]?.number?.int == 533)
            // Root admins only.
            #expect(try await c.signed().get("listDedicatedZones").status == 432)
        }
    }
}
