import AsyncHTTPClient
import Simulator
import TestSupport
import Testing
import Values

/// `--datacenter cloudstack-simulator`: the data center of the official simulator container,
/// its /admin.json, and guest addresses taken from each network's own range.
@Suite struct DataCenterTests {
    static let simulatorDC = quickJobOptions { $0.datacenter = .cloudstackSimulator }

    @Test func theContainersZonesPodsClustersHostsAndStorage() async throws {
        try await withSimulator(Self.simulatorDC) { sim async throws in
            let c = TestClient(sim)
            let zones = try await c.get("listZones").inner
            #expect(zones["count"]?.text == "2")
            #expect(zones["zone.0.name"]?.text == "Sandbox-simulator-basic")
            #expect(zones["zone.0.networktype"]?.text == "Basic")
            #expect(zones["zone.0.securitygroupsenabled"]?.bool == true)
            #expect(zones["zone.1.name"]?.text == "Sandbox-simulator-advanced")
            #expect(zones["zone.1.guestcidraddress"]?.text == "10.1.1.0/24")
            #expect(zones["zone.1.dns1"]?.text == "10.147.28.7")
            let advanced = try #require(zones["zone.1.id"]?.text)
            let pods = try await c.get("listPods", [("name", "POD0-adv")]).inner
            #expect(pods["pod.0.zoneid"]?.text == advanced)
            #expect(pods["pod.0.startip.0"]?.text == "172.16.15.2")
            #expect(pods["pod.0.endip.0"]?.text == "172.16.15.200")
            let clusters = try await c.get("listClusters", [("zoneid", advanced)]).inner
            #expect(clusters["count"]?.text == "2")
            #expect(clusters["cluster.0.name"]?.text == "C0-adv")
            #expect(clusters["cluster.1.name"]?.text == "C1-adv")
            #expect(clusters["cluster.0.hypervisortype"]?.text == "Simulator")
            let c1 = try #require(clusters["cluster.1.id"]?.text)
            let hosts = try await c.get("listHosts", [("clusterid", c1)]).inner
            #expect(hosts["count"]?.text == "1")
            #expect(hosts["host.0.name"]?.text?.hasPrefix("SimulatedAgent.") == true)
            #expect(hosts["host.0.state"]?.text == "Up")
            #expect(hosts["host.0.resourcestate"]?.text == "Enabled")
            #expect(try await c.get("listHosts").inner["count"]?.text == "5")
            let pools = try await c.get("listStoragePools", [("zoneid", advanced)]).inner
            #expect(pools["count"]?.text == "3")
            #expect(pools["storagepool.0.name"]?.text == "PS0-adv")
            #expect(pools["storagepool.0.type"]?.text == "NetworkFilesystem")
            #expect(pools["storagepool.0.ipaddress"]?.text == "10.147.28.7")
            #expect(pools["storagepool.0.path"]?.text == "/export/home/sandbox/primary0")
            #expect(pools["storagepool.0.clustername"]?.text == "C0-adv")
            let stores = try await c.get("listImageStores", [("zoneid", advanced)]).inner
            #expect(stores["imagestore.0.url"]?.text == "nfs://10.147.28.7:/export/home/sandbox/secondary")
            #expect(stores["imagestore.0.providername"]?.text == "NFS")
            #expect(stores["imagestore.0.protocol"]?.text == "nfs")
        }
    }

    /// The container's cloud has the ROOT domain and its admin alone: no sandbox user `dev`.
    @Test func onlyTheRootAdminIsThere() async throws {
        try await withSimulator(Self.simulatorDC) { sim async throws in
            let c = TestClient(sim)
            let domains = try await c.get("listDomains", [("listall", "true")]).inner
            #expect(domains["count"]?.text == "1")
            #expect(domains["domain.0.name"]?.text == "ROOT")
            let accounts = try await c.get("listAccounts", [("listall", "true")]).inner
            #expect(accounts["count"]?.text == "1")
            #expect(accounts["account.0.name"]?.text == "admin")
            #expect(try await c.get("listUsers", [("listall", "true")]).inner["count"]?.text == "1")
            #expect(!sim.summary.contains("dev"), "\(sim.summary)")
            #expect(try await c.signed().get("listZones").status == 401, "the sandbox user's keys are unknown here")
        }
    }

    @Test func aFreshInstallsTemplateOfferingsAndOSTypes() async throws {
        try await withSimulator(Self.simulatorDC) { sim async throws in
            let c = TestClient(sim)
            let zones = try await c.get("listZones").inner
            for i in 0..<2 {
                let zone = try #require(zones["zone.\(i).id"]?.text)
                let t = try await c.get("listTemplates", [("templatefilter", "featured"), ("zoneid", zone)]).inner
                #expect(t["count"]?.text == "1")
                #expect(t["template.0.name"]?.text == "CentOS 5.6 (64-bit) no GUI (Simulator)")
                #expect(t["template.0.ostypename"]?.text == "CentOS 5.6 (64-bit)")
                #expect(t["template.0.isready"]?.bool == true)
                #expect(t["template.0.templatetype"]?.text == "BUILTIN")
                #expect(t["template.0.account"]?.text == "system")
            }
            // The system VM template shows with templatefilter=all only.
            let all = try await c.get(
                "listTemplates", [("templatefilter", "all"), ("name", "SystemVM Template (simulator)")]
            ).inner
            #expect(all["count"]?.text == "2")
            let offerings = try await c.get("listServiceOfferings").inner
            #expect(offerings["count"]?.text == "2")
            #expect(offerings["serviceoffering.0.name"]?.text == "Small Instance")
            #expect(offerings["serviceoffering.0.cpuspeed"]?.number?.int == 500)
            #expect(offerings["serviceoffering.1.name"]?.text == "Medium Instance")
            let disks = try await c.get("listDiskOfferings").inner
            #expect(
                (0..<4).map { disks["diskoffering.\($0).name"]?.text ?? "" } == ["Small", "Medium", "Large", "Custom"])
            #expect(disks["diskoffering.0.displaytext"]?.text == "Small Disk, 5 GB")
            // OS types carry the real internal ids: 142 is CentOS 5.6 (64-bit) on every install.
            let sim142 = try await c.value("listOsTypes", [("description", "CentOS 5.6 (64-bit)")], "ostype.0.id")
            let categories = try await c.get("listOsCategories", [("name", "CentOS")]).inner
            let centos = try #require(categories["oscategory.0.id"]?.text)
            #expect(try await c.value("listOsTypes", [("id", sim142)], "ostype.0.oscategoryid") == centos)
        }
    }

    @Test func adminJSONServesTheAdminsKeysAsTheContainerDoes() async throws {
        try await withSimulator(Self.simulatorDC) { sim async throws in
            let c = TestClient(sim)
            let root = String(sim.baseURL.dropLast("/client/api".count))
            let page = try await c.send(method: .GET, url: root + "/admin.json", body: nil)
            #expect(page.status == 200)
            #expect(page.json["apikey"]?.text == SimulatorOptions.sandboxAPIKey)
            #expect(page.json["secretkey"]?.text == SimulatorOptions.sandboxSecretKey)
            #expect(page.json.record?.count == 2)
            // The keys it gives work.
            var fromPage = TestClient(sim)
            fromPage.apiKey = page.json["apikey"]?.text
            fromPage.secretKey = page.json["secretkey"]?.text ?? ""
            #expect(try await fromPage.get("listZones").status == 200)
        }
        try await withSimulator(quickJobOptions()) { sim async throws in
            let root = String(sim.baseURL.dropLast("/client/api".count))
            #expect(try await TestClient(sim).send(method: .GET, url: root + "/admin.json", body: nil).status == 404)
        }
    }

    /// Issue 17 point 10: a basic-zone VM takes an address of the basic zone's range, an advanced-zone
    /// one of its own network; numbering in one network does not move another's.
    @Test func eachNetworkHandsOutItsOwnAddresses() async throws {
        try await withSimulator(Self.simulatorDC) { sim async throws in
            let c = TestClient(sim)
            let basic = try await c.deploy(zone: "Sandbox-simulator-basic")
            #expect(basic["jobresult.virtualmachine.nic.0.ipaddress"]?.text == "60.147.41.2")
            #expect(basic["jobresult.virtualmachine.nic.0.gateway"]?.text == "60.147.41.1")
            // The admin has no network in the advanced zone: the first deploy creates admin-network.
            let adv = try await c.deploy(zone: "Sandbox-simulator-advanced")
            #expect(adv["jobresult.virtualmachine.nic.0.ipaddress"]?.text == "10.1.1.2", "\(adv)")
            let nets = try await c.get("listNetworks", [("name", "admin-network")]).inner
            #expect(nets["network.0.cidr"]?.text == "10.1.1.0/24")
            // The basic zone's first VM brought up its DHCP router, which took the next address of the range.
            let basicNet = try #require(basic["jobresult.virtualmachine.nic.0.networkid"]?.text)
            #expect(
                try await c.value(
                    "listRouters", [("networkid", basicNet), ("listall", "true")], "router.0.guestipaddress")
                    == "60.147.41.3")
            let basic2 = try await c.deploy(zone: "Sandbox-simulator-basic")
            #expect(basic2["jobresult.virtualmachine.nic.0.ipaddress"]?.text == "60.147.41.4")
        }
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let one = try await c.deploy(zone: "Sandbox-1")
            let two = try await c.deploy(zone: "Sandbox-2")
            #expect(one["jobresult.virtualmachine.nic.0.ipaddress"]?.text == "10.1.0.2")
            #expect(two["jobresult.virtualmachine.nic.0.ipaddress"]?.text == "10.2.0.2")
        }
    }

    /// A state file keeps its data center: asking for another is refused with what to do, --fresh starts it over.
    @Test func aStateFileKeepsItsDataCenter() async throws {
        let path = try StateFileTests.stateFile()
        try await withSimulator(StateFileTests.options(path)) { _ async throws in }
        let error = await #expect(throws: SimulatorError.self) {
            try await Simulator.start(StateFileTests.options(path) { $0.datacenter = .cloudstackSimulator })
        }
        #expect(error?.message.contains("holds the sandbox data center") == true, "\(String(describing: error))")
        #expect(error?.message.contains("--fresh") == true)
        try await withSimulator(StateFileTests.options(path, fresh: true) { $0.datacenter = .cloudstackSimulator }) {
            _ async throws in
        }
        let zone = try await withSimulator(StateFileTests.options(path) { $0.datacenter = .cloudstackSimulator }) {
            sim async throws in
            try await TestClient(sim).value("listZones", [], "zone.0.name")
        }
        #expect(zone == "Sandbox-simulator-basic")
    }
}
