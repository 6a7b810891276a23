@testable import Simulator
import TestSupport
import Testing
import Values

/// Storage network IP ranges of a pod: jobs that check, when they run, the pod's management range and
/// its other storage ranges, with the server's texts.
@Suite struct StorageNetworkTests {
    @Test func rangesOfAPodAreCheckedAgainstEachOtherAndThePod() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            let pod = try #require(try await c.get("listPods", [("zoneid", zone)]).inner["pod.0"])
            let podID = try #require(pod[field: "id"]?.text)
            let base = [("podid", podID), ("gateway", "172.30.0.1"), ("netmask", "255.255.255.0")]
            let made = try await c.job(
                "createStorageNetworkIpRange",
                base + [("startip", "172.30.0.10"), ("endip", "172.30.0.20"), ("vlan", "300")])
            let id = try #require(made["jobresult.storagenetworkiprange.id"]?.text, "\(made)")
            #expect(made["jobresult.storagenetworkiprange.vlan"]?.text == "300")
            #expect(made["jobresult.storagenetworkiprange.zoneid"]?.text == zone)
            let storage = try await c.value(
                "listNetworks", [("zoneid", zone), ("issystem", "true"), ("traffictype", "Storage")], "network.0.id")
            #expect(made["jobresult.storagenetworkiprange.networkid"]?.text == storage)

            // Overlapping another storage range of the pod, or the pod's management range, fails the job.
            let clash = try await c.job("createStorageNetworkIpRange", base + [("startip", "172.30.0.15")])
            #expect(clash["jobstatus"]?.text == "2")
            #expect(
                clash["jobresult.errortext"]?.text
                    == "The Storage network Start IP and endIP address range overlap with private IP :172.30.0.10 - 172.30.0.20"
            )
            let podStart = try #require(pod[field: "startip"]?.list?.first?.text ?? pod[field: "startip"]?.text)
            let management = try await c.job("createStorageNetworkIpRange", base + [("startip", podStart)])
            #expect(
                management["jobresult.errortext"]?.text?.hasPrefix(
                    "The Storage network Start IP and endIP address range overlap with private IP :\(podStart):")
                    == true,
                "\(management)")
            let badMask = try await c.job(
                "createStorageNetworkIpRange",
                [("podid", podID), ("gateway", "172.30.0.1"), ("netmask", "255.0.255.0"), ("startip", "172.30.0.40")])
            #expect(badMask["jobresult.errorcode"]?.text == "530")
            #expect(badMask["jobresult.errortext"]?.text == "Invalid netmask:255.0.255.0")

            // A second range, then moving the first: its own old bounds are no clash, the other's are.
            _ = try await c.job(
                "createStorageNetworkIpRange", base + [("startip", "172.30.0.50"), ("endip", "172.30.0.60")])
            let moved = try await c.job(
                "updateStorageNetworkIpRange", [("id", id), ("endip", "172.30.0.30"), ("vlan", "301")])
            #expect(moved["jobresult.storagenetworkiprange.endip"]?.text == "172.30.0.30", "\(moved)")
            #expect(moved["jobresult.storagenetworkiprange.vlan"]?.text == "301")
            let onto = try await c.job("updateStorageNetworkIpRange", [("id", id), ("endip", "172.30.0.55")])
            #expect(onto["jobresult.errortext"]?.text?.hasSuffix(":172.30.0.50 - 172.30.0.60") == true)

            // Lists: by id, pod or zone, the first given deciding.
            #expect(try await c.value("listStorageNetworkIpRange", [("podid", podID)], "count") == "2")
            #expect(try await c.value("listStorageNetworkIpRange", [("id", id), ("podid", podID)], "count") == "1")
            #expect(try await c.job("deleteStorageNetworkIpRange", [("id", id)])["jobresult.success"]?.bool == true)
            #expect(try await c.value("listStorageNetworkIpRange", [("zoneid", zone)], "count") == "1")
            #expect(try await c.signed().get("listStorageNetworkIpRange").status == 432)
        }
    }
}
