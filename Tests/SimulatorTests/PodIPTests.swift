import Simulator
import TestSupport
import Testing
import Values

/// acquirePodIpAddress, releasePodIpAddress and the management IP ranges of a pod.
@Suite struct PodIPTests {
    @Test func podAddressesAreTakenAndGivenBackByNumber() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [], "zone.0.id")
            let pod = try await c.value("listPods", [], "pod.0.id")
            let r = try await c.get("acquirePodIpAddress", [("zoneid", zone), ("podid", pod)])
            // The server's class names this answer without the usual "response".
            let ip = try #require(r.json["acquirepodipaddress.acquirepodipaddress"], "\(r.body)")
            let address = try #require(ip["ipaddress"]?.text)
            let id = try #require(ip["id"]?.number?.int)
            #expect(ip["gateway"]?.text != nil && ip["cidr"]?.text != nil && ip["podid"]?.number != nil)
            // Not an address a host or system VM holds, and not given twice.
            let hosts = try await c.get("listHosts", [("podid", pod)]).inner["host"]?.list ?? []
            #expect(!hosts.contains { $0["ipaddress"]?.text == address })
            let next = try await c.get("acquirePodIpAddress", [("zoneid", zone), ("podid", pod)]).json
            #expect(next["acquirepodipaddress.acquirepodipaddress.ipaddress"]?.text != address)

            let released = try await c.get("releasePodIpAddress", [("id", String(id))])
            #expect(released.json["releasepodipresponse.success"]?.bool == true)
            let again = try await c.get("releasePodIpAddress", [("id", String(id))])
            #expect(again.status == 530)
            #expect(
                again.json["releasepodipresponse.errortext"]?.text
                    == "Ip Address  with id= \(id) is not allocated, so do nothing.")
            #expect(try await c.get("releasePodIpAddress", [("id", "999999")]).status == 530)
            let noPod = try await c.get("acquirePodIpAddress", [("zoneid", zone)])
            #expect(noPod.status == 535)
            #expect(try await c.get("acquirePodIpAddress", [("zoneid", "nowhere"), ("podid", pod)]).status == 431)
        }
    }

    @Test func managementRangesAreAddedMovedAndRemoved() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let pod = try await c.value("listPods", [], "pod.0.id")
            let gateway = try await c.value("listPods", [("id", pod)], "pod.0.gateway")
            let octets = gateway.split(separator: ".")
            let base = octets.prefix(2).joined(separator: ".")
            // A second range in another subnet, on its own VLAN.
            let added = try await c.job(
                "createManagementNetworkIpRange",
                [
                    ("podid", pod), ("gateway", "\(base).99.1"), ("netmask", "255.255.255.0"),
                    ("startip", "\(base).99.10"), ("endip", "\(base).99.20"), ("vlan", "77"),
                ])
            let ranges = try #require(added["jobresult.pod.ipranges"]?.list)
            #expect(ranges.count == 2)
            #expect(ranges.last?["vlanid"]?.text == "vlan://77")
            #expect(added["jobresult.pod.startip"]?.list?.count == 2)
            let overlap = try await c.get(
                "createManagementNetworkIpRange",
                [
                    ("podid", pod), ("gateway", "\(base).99.1"), ("netmask", "255.255.255.0"),
                    ("startip", "\(base).99.15"), ("endip", "\(base).99.30"),
                ])
            #expect(overlap.inner["errortext"]?.text?.hasPrefix("The Start IP and endIP address range overlap") == true)

            let moved = try await c.job(
                "updatePodManagementNetworkIpRange",
                [
                    ("podid", pod), ("currentstartip", "\(base).99.10"), ("currentendip", "\(base).99.20"),
                    ("newendip", "\(base).99.40"),
                ])
            #expect(moved["jobresult.success"]?.bool == true)
            #expect(try await c.get("listPods", [("id", pod)]).inner["pod.0.endip.1"]?.text == "\(base).99.40")

            // The seeded range holds the hosts' addresses: it cannot go.
            let first = try #require(try await c.get("listPods", [("id", pod)]).inner["pod.0.ipranges.0"])
            let busy = try await c.get(
                "deleteManagementNetworkIpRange",
                [
                    ("podid", pod), ("startip", first["startip"]?.text ?? ""), ("endip", first["endip"]?.text ?? ""),
                    ("vlan", "untagged"),
                ])
            #expect(
                busy.inner["errortext"]?.text == "Some IPs of the range has been allocated, so it cannot be deleted.")
            let deleted = try await c.job(
                "deleteManagementNetworkIpRange",
                [("podid", pod), ("startip", "\(base).99.10"), ("endip", "\(base).99.40"), ("vlan", "77")])
            #expect(deleted["jobresult.success"]?.bool == true)
            #expect(try await c.get("listPods", [("id", pod)]).inner["pod.0.ipranges"]?.list?.count == 1)
        }
    }
}
