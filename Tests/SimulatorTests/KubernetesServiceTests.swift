import FoundationEssentials
@testable import Simulator
import TestSupport
import Testing
import Values

/// The Kubernetes service (CKS): off by default, its APIs registered only when the setting is true
/// at start; supported versions with their binaries ISO; clusters whose nodes are real VMs.
@Suite struct KubernetesServiceTests {
    static let unknown = "The given command does not exist or it is not available for user"

    /// A simulator started on a state file where an admin enabled the service, then restarted.
    static func withKubernetes<T: Sendable>(_ body: (TestClient) async throws -> T) async throws -> T {
        let path = try StateFileTests.stateFile()
        try await withSimulator(StateFileTests.options(path)) { sim async throws in
            let c = TestClient(sim)
            let r = try await c.get(
                "updateConfiguration", [("name", KubernetesService.enabledKey), ("value", "true")])
            #expect(r.inner["configuration.value"]?.text == "true")
        }
        return try await withSimulator(StateFileTests.options(path)) { sim async throws in
            try await body(TestClient(sim))
        }
    }

    /// Adds a version and waits until its binaries ISO is downloaded; returns its id.
    static func addVersion(_ c: TestClient, _ semver: String, zone: String? = nil, cpu: Int = 2, ram: Int = 2048)
        async throws -> String
    {
        var p = [
            ("semanticversion", semver), ("mincpunumber", String(cpu)), ("minmemory", String(ram)),
            ("url", "http://example.com/k8s-\(semver).iso"),
        ]
        if let zone { p.append(("zoneid", zone)) }
        let id = try #require(
            try await c.get("addKubernetesSupportedVersion", p).inner["kubernetessupportedversion.id"]?.text)
        let ready = try await UploadParamsTests.eventually {
            try await c.get("listKubernetesSupportedVersions", [("id", id)]).inner[
                "kubernetessupportedversion.0.isostate"]?.text == "Ready"
        }
        #expect(ready)
        return id
    }

    static func offering(_ c: TestClient, _ name: String) async throws -> String {
        try await c.value("listServiceOfferings", [("name", name)], "serviceoffering.0.id")
    }

    @Test func disabledByDefaultTheAPIsAnswerAsUnknownCommands() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let unknown = try await c.get("noSuchCommandAtAll")
            for api in KubernetesService.apis.sorted() {
                let r = try await c.get(api, [("id", UUID().uuidString)])
                #expect(r.status == 432)
                #expect(r.inner["errortext"]?.text == Self.unknown)
                #expect(r.inner["errorcode"] == unknown.inner["errorcode"])
            }
            let apis = try await c.get("listApis").inner["api"]?.list ?? []
            #expect(!apis.isEmpty)
            #expect(!apis.contains { KubernetesService.apis.contains($0["name"]?.text ?? "") })
            #expect(try await c.get("listApis", [("name", "createKubernetesCluster")]).inner == .record([:]))
            #expect(
                try await c.get("listCapabilities").inner["capability.kubernetesserviceenabled"]?.bool == false)
            // The setting changes at once (listCapabilities reads it), the APIs only at the next start.
            _ = try await c.get("updateConfiguration", [("name", KubernetesService.enabledKey), ("value", "true")])
            #expect(try await c.get("listCapabilities").inner["capability.kubernetesserviceenabled"]?.bool == true)
            #expect(try await c.get("listKubernetesClusters").status == 432)
            let setting = try await c.get("listConfigurations", [("name", KubernetesService.enabledKey)]).inner
            #expect(setting["configuration.0.defaultvalue"]?.text == "false")
            #expect(setting["configuration.0.isdynamic"]?.bool == false)
            let size = try await c.get("listConfigurations", [("name", KubernetesService.maxSizeKey)]).inner
            #expect(size["configuration.0.value"]?.text == "10")
            #expect(size["configuration.0.parent"]?.text == KubernetesService.enabledKey)
        }
    }

    @Test func enabledAtStartTheAPIsAreRegisteredAndCounted() async throws {
        #expect(Set(Coverage.current.hand).isSuperset(of: KubernetesService.apis))
        try await Self.withKubernetes { c in
            let names = Set((try await c.get("listApis").inner["api"]?.list ?? []).compactMap { $0["name"]?.text })
            #expect(names.isSuperset(of: KubernetesService.apis))
            #expect(try await c.get("listCapabilities").inner["capability.kubernetesserviceenabled"]?.bool == true)
            #expect(try await c.get("listKubernetesClusters").inner == .record([:]))
            // A user may list versions and run clusters, not manage versions.
            let dev = c.signed()
            let devAPIs = Set((try await dev.get("listApis").inner["api"]?.list ?? []).compactMap { $0["name"]?.text })
            #expect(devAPIs.contains("createKubernetesCluster") && devAPIs.contains("listKubernetesSupportedVersions"))
            #expect(!devAPIs.contains("addKubernetesSupportedVersion"))
            #expect(try await dev.get("addKubernetesSupportedVersion").status == 432)
            let offering = try await c.get(
                "listNetworkOfferings", [("name", KubernetesService.offeringName)]
            ).inner
            #expect(offering["networkoffering.0.state"]?.text == "Enabled")
            #expect(offering["networkoffering.0.guestiptype"]?.text == "Isolated")
            // Turned off again without a restart: still registered, but the managers refuse.
            _ = try await c.get("updateConfiguration", [("name", KubernetesService.enabledKey), ("value", "false")])
            let off = try await c.get("listKubernetesSupportedVersions")
            #expect(off.status == 530)
            #expect(off.inner["errortext"]?.text == "Kubernetes Service plugin is disabled")
        }
    }

    @Test func supportedVersionsRegisterTheirISOAndFilter() async throws {
        try await Self.withKubernetes { c in
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let base = [("url", "http://example.com/k.iso")]
            func refusal(_ p: [(String, String)]) async throws -> String? {
                let r = try await c.get("addKubernetesSupportedVersion", base + p)
                #expect(r.status == 431)
                return r.inner["errortext"]?.text
            }
            #expect(
                try await refusal([("semanticversion", "1.24.0"), ("mincpunumber", "1"), ("minmemory", "2048")])
                    == "Invalid value for mincpunumber parameter. Minimum 2 vCPUs required.")
            #expect(
                try await refusal([("semanticversion", "1.24.0"), ("mincpunumber", "2"), ("minmemory", "1024")])
                    == "Invalid value for minmemory parameter. Minimum 2048MB memory required")
            #expect(
                try await refusal([("semanticversion", "1.10.9"), ("mincpunumber", "2"), ("minmemory", "2048")])
                    == "New supported Kubernetes version cannot be added as 1.11.0 is minimum version supported by Kubernetes Service"
            )
            #expect(
                try await refusal([("semanticversion", "1.24"), ("mincpunumber", "2"), ("minmemory", "2048")])
                    == "Invalid version format, 1.24. Semantic version should be specified in MAJOR.MINOR.PATCH format")

            let v1 = try await Self.addVersion(c, "1.24.0", zone: zone)
            let v2 = try await Self.addVersion(c, "1.25.3")
            let first = try await c.get("listKubernetesSupportedVersions", [("id", v1)]).inner
            #expect(first["kubernetessupportedversion.0.name"]?.text == "v1.24.0-Sandbox-1")
            #expect(first["kubernetessupportedversion.0.zonename"]?.text == "Sandbox-1")
            #expect(first["kubernetessupportedversion.0.supportsha"]?.bool == true)
            #expect(first["kubernetessupportedversion.0.mincpunumber"]?.text == "2")
            #expect(first["kubernetessupportedversion.0.state"]?.text == "Enabled")
            // The binaries ISO is an ordinary public ISO of the system account.
            let isoID = try #require(first["kubernetessupportedversion.0.isoid"]?.text)
            let iso = try await c.get("listIsos", [("id", isoID), ("isofilter", "all")]).inner
            #expect(iso["iso.0.name"]?.text == "v1.24.0-Sandbox-1-Kubernetes-Binaries-ISO")
            #expect(iso["iso.0.ispublic"]?.bool == true)
            #expect(iso["iso.0.bootable"]?.bool == false)
            #expect(iso["iso.0.account"]?.text == "system")

            let newer = try await c.get("listKubernetesSupportedVersions", [("minimumsemanticversion", "1.25.0")]).inner
            #expect(newer["count"]?.text == "1")
            #expect(newer["kubernetessupportedversion.0.id"]?.text == v2)
            let sinceV1 = try await c.get("listKubernetesSupportedVersions", [("minimumkubernetesversionid", v1)]).inner
            #expect(sinceV1["count"]?.text == "2")
            let both = try await c.get(
                "listKubernetesSupportedVersions",
                [("minimumkubernetesversionid", v1), ("minimumsemanticversion", "1.2.0")])
            #expect(both.status == 530)
            #expect(
                both.inner["errortext"]?.text
                    == "Both parameters minimumsemanticversion and minimumkubernetesversionid can not be passed together"
            )
            #expect(
                try await c.get("listKubernetesSupportedVersions", [("keyword", "25")]).inner[
                    "kubernetessupportedversion.0.id"]?.text == v2)
            #expect(
                try await c.get("listKubernetesSupportedVersions", [("page", "2"), ("pagesize", "1")]).inner[
                    "kubernetessupportedversion.0.id"]?.text == v2)

            let bad = try await c.get("updateKubernetesSupportedVersion", [("id", v2), ("state", "Off")])
            #expect(bad.status == 431)
            #expect(bad.inner["errortext"]?.text == "Invalid value for state parameter")
            let disabled = try await c.get("updateKubernetesSupportedVersion", [("id", v2), ("state", "Disabled")])
            #expect(disabled.inner["kubernetessupportedversion.state"]?.text == "Disabled")

            let gone = try await c.get("deleteKubernetesSupportedVersion", [("id", v2)]).inner
            #expect(try await c.wait(job: try #require(gone["jobid"]?.text))["jobresult.success"]?.bool == true)
            #expect(try await c.get("listKubernetesSupportedVersions").inner["count"]?.text == "1")
        }
    }

    @Test func aClusterLivesWithItsNodeVMs() async throws {
        try await Self.withKubernetes { c in
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let v124 = try await Self.addVersion(c, "1.24.0")
            let v125 = try await Self.addVersion(c, "1.25.0")
            let v127 = try await Self.addVersion(c, "1.27.0")
            let medium = try await Self.offering(c, "Medium Instance")
            let created = try await c.get(
                "createKubernetesCluster",
                [
                    ("name", "kc"), ("description", "test cluster"), ("zoneid", zone),
                    ("kubernetesversionid", v124), ("serviceofferingid", medium), ("size", "2"),
                ]
            ).inner
            let id = try #require(created["id"]?.text)
            let done = try await c.wait(job: try #require(created["jobid"]?.text))
            #expect(done["jobstatus"]?.text == "1")
            let k = try #require(done["jobresult.kubernetescluster"])
            #expect(k["state"]?.text == "Running")
            #expect(k["size"]?.text == "2")
            #expect(k["controlnodes"]?.text == "1")
            #expect(k["cpunumber"]?.text == "6")
            #expect(k["memory"]?.text == "6144")
            #expect(k["associatednetworkname"]?.text == "kc-network")
            #expect(k["endpoint"]?.text == "https://\(k["ipaddress"]?.text ?? ""):6443/")
            let vms = k["virtualmachines"]?.list ?? []
            #expect(vms.count == 3)
            #expect(vms.first?["name"]?.text?.hasPrefix("kc-control-") == true)
            #expect(vms.dropFirst().allSatisfy { $0["name"]?.text?.hasPrefix("kc-node-") == true })
            #expect(
                vms.allSatisfy {
                    $0["state"]?.text == "Running" && $0["templatename"]?.text?.contains("SystemVM") == true
                })
            // The nodes are ordinary VMs of the owner, on the cluster's own network.
            let listed = try await c.get("listVirtualMachines", [("networkid", k["networkid"]?.text ?? "")]).inner
            #expect(listed["count"]?.text == "3")

            // A node is destroyed only through the cluster (KubernetesServiceHelper).
            let node = try #require(vms.last?["id"]?.text)
            let kept = try await c.get("destroyVirtualMachine", [("id", node)])
            #expect(kept.status == 530)
            #expect(
                kept.inner["errortext"]?.text
                    == "Instance is a part of a Kubernetes cluster: kc. Use Instance delete option from Kubernetes cluster details or scale API for Kubernetes clusters with 'nodeids' to destroy the instance."
            )

            let config = try await c.get("getKubernetesClusterConfig", [("id", id)]).inner
            #expect(config["clusterconfig.configdata"]?.text?.contains("server: \(k["endpoint"]?.text ?? "")") == true)
            #expect(config["clusterconfig.name"]?.text == "kc")

            let stop = try await c.get("stopKubernetesCluster", [("id", id)]).inner
            #expect(try await c.wait(job: try #require(stop["jobid"]?.text))["jobresult.success"]?.bool == true)
            let stopped = try await c.get("listKubernetesClusters", [("id", id)]).inner
            #expect(stopped["kubernetescluster.0.state"]?.text == "Stopped")
            #expect(
                stopped["kubernetescluster.0.virtualmachines"]?.list?.allSatisfy { $0["state"]?.text == "Stopped" }
                    == true)
            // A stopped cluster is not scaled in size.
            let noScale = try await c.get("scaleKubernetesCluster", [("id", id), ("size", "3")]).inner
            let failed = try await c.wait(job: try #require(noScale["jobid"]?.text))
            #expect(failed["jobresult.errorcode"]?.text == "531")
            #expect(failed["jobresult.errortext"]?.text == "Kubernetes cluster : kc is in Stopped state")

            let start = try await c.get("startKubernetesCluster", [("id", id)]).inner
            let started = try await c.wait(job: try #require(start["jobid"]?.text))
            #expect(started["jobresult.kubernetescluster.state"]?.text == "Running")

            let up = try await c.get("scaleKubernetesCluster", [("id", id), ("size", "3")]).inner
            let scaled = try await c.wait(job: try #require(up["jobid"]?.text))
            #expect(scaled["jobresult.kubernetescluster.size"]?.text == "3")
            #expect(scaled["jobresult.kubernetescluster.virtualmachines"]?.list?.count == 4)
            let down = try await c.get("scaleKubernetesCluster", [("id", id), ("size", "1")]).inner
            let shrunk = try await c.wait(job: try #require(down["jobid"]?.text))
            #expect(shrunk["jobresult.kubernetescluster.virtualmachines"]?.list?.count == 2)

            let skip = try await c.get("upgradeKubernetesCluster", [("id", id), ("kubernetesversionid", v127)]).inner
            let refused = try await c.wait(job: try #require(skip["jobid"]?.text))
            #expect(
                refused["jobresult.errortext"]?.text
                    == "Kubernetes clusters can be upgraded between next minor or patch version releases, current version: 1.24.0, upgrade version: 1.27.0"
            )
            let upgrade = try await c.get("upgradeKubernetesCluster", [("id", id), ("kubernetesversionid", v125)]).inner
            let upgraded = try await c.wait(job: try #require(upgrade["jobid"]?.text))
            #expect(upgraded["jobresult.kubernetescluster.kubernetesversionid"]?.text == v125)
            let back = try await c.get("upgradeKubernetesCluster", [("id", id), ("kubernetesversionid", v124)]).inner
            #expect(
                try await c.wait(job: try #require(back["jobid"]?.text))["jobresult.errortext"]?.text
                    == "Kubernetes clusters can not be downgraded, current version: 1.25.0, upgrade version: 1.24.0")

            let inUse = try await c.get("deleteKubernetesSupportedVersion", [("id", v125)]).inner
            let inUseJob = try await c.wait(job: try #require(inUse["jobid"]?.text))
            #expect(inUseJob["jobresult.errorcode"]?.text == "530")
            #expect(
                inUseJob["jobresult.errortext"]?.text
                    == "Unable to delete Kubernetes version ID: \(v125). Existing clusters currently using the version."
            )

            let delete = try await c.get("deleteKubernetesCluster", [("id", id)]).inner
            #expect(try await c.wait(job: try #require(delete["jobid"]?.text))["jobresult.success"]?.bool == true)
            #expect(try await c.get("listKubernetesClusters").inner == .record([:]))
            #expect(try await c.get("listVirtualMachines", [("listall", "true")]).inner == .record([:]))
            // The network the cluster made went with it.
            #expect(try await c.get("listNetworks", [("name", "kc-network")]).inner == .record([:]))
        }
    }

    @Test func createRefusesWhatTheManagerRefuses() async throws {
        try await Self.withKubernetes { c in
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let v = try await Self.addVersion(c, "1.15.2", cpu: 4)
            let medium = try await Self.offering(c, "Medium Instance")
            let small = try await Self.offering(c, "Small Instance")
            let large = try await Self.offering(c, "Large Instance")
            func refusal(_ p: [(String, String)], status: Int = 431) async throws -> String? {
                var params = [
                    ("name", "r"), ("description", "r"), ("zoneid", zone), ("kubernetesversionid", v),
                    ("serviceofferingid", large), ("size", "1"),
                ]
                for (k, value) in p {
                    params.removeAll { $0.0 == k }
                    params.append((k, value))
                }
                let r = try await c.get("createKubernetesCluster", params)
                #expect(r.status == status)
                return r.inner["errortext"]?.text
            }
            #expect(try await refusal([("size", "0")]) == "Invalid cluster size: 0")
            #expect(try await refusal([("controlnodes", "0")]) == "Invalid cluster control nodes count: 0")
            #expect(
                try await refusal([("size", "10")])
                    == "Maximum cluster size can not exceed 10. Please contact your administrator")
            #expect(
                try await refusal([("controlnodes", "3")])
                    == "HA support is available only for Kubernetes version 1.16.0 and above. Given version ID: \(v) is 1.15.2"
            )
            #expect(
                try await refusal([("serviceofferingid", small)])
                    == "Kubernetes cluster cannot be created with service offering ID: \(small), Kubernetes cluster template(CoreOS) needs minimum 2 vCPUs and 2048 MB RAM"
            )
            #expect(
                try await refusal([("serviceofferingid", medium)])
                    == "Kubernetes cluster cannot be created with service offering ID: \(medium), Kubernetes version ID: \(v) needs minimum 4 vCPUs"
            )
            #expect(
                try await refusal([("keypair", "nokey")])
                    == "Given SSH key pair with name: nokey was not found for the account admin")
            #expect(
                try await refusal([("dockerregistryurl", "http://r.example")], status: 530)
                    == "Private registry for the Kubernetes cluster is an experimental feature. Use cloud.kubernetes.cluster.experimental.features.enabled configuration for enabling experimental features"
            )
            let noID = try await c.get("getKubernetesClusterConfig")
            #expect(noID.status == 431)
            #expect(noID.inner["errortext"]?.text == "Invalid Kubernetes cluster ID specified")
            _ = try await c.get("updateKubernetesSupportedVersion", [("id", v), ("state", "Disabled")])
            #expect(try await refusal([]) == "Kubernetes version ID: \(v) is in Disabled state")
            // Nothing was left behind by the refusals.
            #expect(try await c.get("listKubernetesClusters").inner == .record([:]))
            #expect(try await c.get("listNetworks", [("name", "r-network")]).inner == .record([:]))
        }
    }

    @Test func aUsersClusterBeyondItsLimitsEndsInErrorAndStillDeletes() async throws {
        try await Self.withKubernetes { c in
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let v = try await Self.addVersion(c, "1.26.0")
            let medium = try await Self.offering(c, "Medium Instance")
            let devDomain = try await c.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.domainid")
            _ = try await c.get(
                "updateResourceLimit",
                [("account", "dev"), ("domainid", devDomain), ("resourcetype", "0"), ("max", "1")])
            let dev = c.signed()
            // The size bound is the owner account's setting.
            let devAccount = try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.id")
            let scoped = [("name", KubernetesService.maxSizeKey), ("accountid", devAccount)]
            _ = try await c.get("updateConfiguration", scoped + [("value", "1")])
            let tooBig = try await dev.get(
                "createKubernetesCluster",
                [
                    ("name", "devkc"), ("description", "d"), ("zoneid", zone), ("kubernetesversionid", v),
                    ("serviceofferingid", medium), ("size", "1"),
                ])
            #expect(tooBig.status == 431)
            #expect(
                tooBig.inner["errortext"]?.text
                    == "Maximum cluster size can not exceed 1. Please contact your administrator")
            _ = try await c.get("updateConfiguration", scoped + [("value", "10")])
            let created = try await dev.get(
                "createKubernetesCluster",
                [
                    ("name", "devkc"), ("description", "two nodes, room for one"), ("zoneid", zone),
                    ("kubernetesversionid", v), ("serviceofferingid", medium), ("size", "1"),
                ]
            ).inner
            let id = try #require(created["id"]?.text)
            let failed = try await dev.wait(job: try #require(created["jobid"]?.text))
            #expect(failed["jobstatus"]?.text == "2")
            let k = try await dev.get("listKubernetesClusters", [("id", id)]).inner
            #expect(k["kubernetescluster.0.state"]?.text == "Error")
            #expect(k["kubernetescluster.0.account"]?.text == "dev")
            // The control node was made before the limit stopped the worker node.
            let nodes = k["kubernetescluster.0.virtualmachines"]?.list ?? []
            #expect(nodes.count == 1)
            #expect(nodes.first?["name"]?.text?.hasPrefix("devkc-control-") == true)
            let delete = try await dev.get("deleteKubernetesCluster", [("id", id)]).inner
            #expect(try await dev.wait(job: try #require(delete["jobid"]?.text))["jobresult.success"]?.bool == true)
            #expect(try await dev.get("listVirtualMachines").inner == .record([:]))
            #expect(try await dev.get("listKubernetesClusters").inner == .record([:]))
        }
    }

    @Test func aNameThatIsNoHostNameGivesNodesAK8sPrefix() async throws {
        try await Self.withKubernetes { c in
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let v = try await Self.addVersion(c, "1.24.0")
            let medium = try await Self.offering(c, "Medium Instance")
            let created = try await c.get(
                "createKubernetesCluster",
                [
                    ("name", "9 lives!"), ("description", "d"), ("zoneid", zone), ("kubernetesversionid", v),
                    ("serviceofferingid", medium), ("size", "1"),
                ]
            ).inner
            let done = try await c.wait(job: try #require(created["jobid"]?.text))
            let names = (done["jobresult.kubernetescluster.virtualmachines"]?.list ?? []).compactMap {
                $0["name"]?.text
            }
            #expect(names.count == 2)
            #expect(names.first?.hasPrefix("k8s-9lives-control-") == true)
            #expect(names.last?.hasPrefix("k8s-9lives-node-") == true)
            #expect(done["jobresult.kubernetescluster.associatednetworkname"]?.text == "9 lives!-network")
        }
    }
}
