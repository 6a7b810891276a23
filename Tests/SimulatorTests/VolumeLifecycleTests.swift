import Simulator
import TestSupport
import Testing
import Values

/// destroyVolume/recoverVolume (states Destroy and Expunged, allow.user.expunge.recover.volume),
/// migrateVolume, changeOfferingForVolume and assignVolume through the HTTP API.
@Suite struct VolumeLifecycleTests {
    /// A DATADISK volume of `c`'s account, attached once and detached (so it is Ready on primary storage).
    static func readyVolume(_ c: TestClient, name: String, vm: String, zone: String) async throws -> String {
        let offering = try await c.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
        let made = try await c.job("createVolume", [("name", name), ("zoneid", zone), ("diskofferingid", offering)])
        let id = try #require(made["jobresult.volume.id"]?.text)
        #expect(made["jobresult.volume.state"]?.text == "Allocated")
        _ = try await c.job("attachVolume", [("id", id), ("virtualmachineid", vm)])
        _ = try await c.job("detachVolume", [("id", id)])
        return id
    }

    @Test func destroyKeepsTheVolumeInDestroyUntilRecoveredOrExpunged() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let vm = try await dev.deploy()
            let vmID = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let zone = try #require(vm["jobresult.virtualmachine.zoneid"]?.text)
            // An Allocated volume (never on storage) can only be expunged.
            let offering = try await dev.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
            let fresh = try #require(
                try await dev.job("createVolume", [("name", "fresh"), ("zoneid", zone), ("diskofferingid", offering)])[
                    "jobresult.volume.id"]?.text)
            let refused = try await dev.get("destroyVolume", [("id", fresh)])
            #expect(
                refused.inner["errortext"]?.text
                    == "The volume in Allocated/Uploaded state can only be expunged not destroyed/recovered")
            let expunged = try await dev.job("destroyVolume", [("id", fresh), ("expunge", "true")])
            #expect(expunged["jobresult.volume.state"]?.text == "Expunged")
            #expect(try await dev.get("listVolumes", [("id", fresh)]).inner["count"] == nil)

            let id = try await Self.readyVolume(dev, name: "data", vm: vmID, zone: zone)
            _ = try await dev.job("attachVolume", [("id", id), ("virtualmachineid", vmID)])
            let attached = try await dev.get("destroyVolume", [("id", id)])
            #expect(attached.inner["errortext"]?.text == "Please specify a volume that is not attached to any VM.")
            _ = try await dev.job("detachVolume", [("id", id)])
            let gone = try await dev.job("destroyVolume", [("id", id)])
            #expect(gone["jobresult.volume.state"]?.text == "Destroy")
            #expect(gone["jobresult.volume.destroyed"]?.bool == true)
            #expect(try await dev.value("listVolumes", [("id", id)], "volume.0.state") == "Destroy")
            let reattach = try await dev.get("attachVolume", [("id", id), ("virtualmachineid", vmID)])
            #expect(reattach.inner["errortext"]?.text == "Please specify a volume that is not destroyed.")
            // A destroyed volume frees its share of the account's volume count.
            let domain = try await c.value(
                "listAccounts", [("name", "dev"), ("listall", "true")], "account.0.domainid")
            let counts = try await c.get(
                "updateResourceCount", [("domainid", domain), ("account", "dev"), ("resourcetype", "2")]
            ).inner
            #expect(counts["resourcecount.0.resourcecount"]?.number?.int == 1)  // the VM's ROOT volume only

            let recovered = try await dev.get("recoverVolume", [("id", id)])
            #expect(recovered.inner["volume.state"]?.text == "Ready")
            #expect(
                try await dev.get("recoverVolume", [("id", id)]).inner["errortext"]?.text
                    == "Please specify a volume in Destroy state.")

            // allow.user.expunge.recover.volume off for the account: users may destroy but not expunge or recover.
            let account = try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.id")
            _ = try await c.get(
                "updateConfiguration",
                [("name", "allow.user.expunge.recover.volume"), ("value", "false"), ("accountid", account)])
            let denied = try await dev.get("destroyVolume", [("id", id), ("expunge", "true")])
            #expect(denied.status == 531)
            #expect(
                denied.inner["errortext"]?.text
                    == "Expunging a volume can only be done by an Admin. Or when the allow.user.expunge.recover.volume key is set."
            )
            _ = try await dev.job("destroyVolume", [("id", id)])
            let noRecover = try await dev.get("recoverVolume", [("id", id)])
            #expect(noRecover.status == 531)
            #expect(try await c.get("recoverVolume", [("id", id)]).inner["volume.state"]?.text == "Ready")
        }
    }

    @Test func aVMDestroysTheDataVolumesItIsGiven() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim), dev = c.signed()
            let deployed = try await dev.deploy()
            let vm = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            let zone = try #require(deployed["jobresult.virtualmachine.zoneid"]?.text)
            let offering = try await dev.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
            var ids: [String] = []
            for name in ["kept", "gone"] {
                let v = try #require(
                    try await dev.job(
                        "createVolume", [("name", name), ("zoneid", zone), ("diskofferingid", offering)])[
                            "jobresult.volume.id"]?.text)
                _ = try await dev.job("attachVolume", [("id", v), ("virtualmachineid", vm)])
                ids.append(v)
            }
            // Users expunge VMs only while allow.user.expunge.recover.vm (default false) allows it.
            let denied = try await dev.get("destroyVirtualMachine", [("id", vm), ("expunge", "true")])
            #expect(denied.status == 531)
            #expect(
                try await dev.get(
                    "destroyVirtualMachine", [("id", vm), ("volumeids", "8d2b9a7c-4b21-4c53-9b3a-0d1e2f3a4b5c")]
                ).status == 431)
            _ = try await dev.job("destroyVirtualMachine", [("id", vm), ("volumeids", ids[1])])
            #expect(try await dev.value("listVolumes", [("id", ids[1])], "volume.0.state") == "Destroy")
            #expect(try await dev.value("listVolumes", [("id", ids[0])], "volume.0.state") == "Ready")
            #expect(try await dev.get("listVolumes", [("id", ids[0])]).inner["volume.0.virtualmachineid"] == nil)
            // The destroyed VM's ROOT volume waits in Destroy with it.
            #expect(
                try await c.value("listVolumes", [("virtualmachineid", vm), ("listall", "true")], "volume.0.state")
                    == "Destroy")

            let account = try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.id")
            _ = try await c.get(
                "updateConfiguration",
                [("name", "allow.user.expunge.recover.vm"), ("value", "true"), ("accountid", account)])
            let other = try #require(try await dev.deploy()["jobresult.virtualmachine.id"]?.text)
            let expunged = try await dev.job("destroyVirtualMachine", [("id", other), ("expunge", "true")])
            #expect(expunged["jobresult.virtualmachine.state"]?.text == "Expunging", "\(expunged)")
        }
    }

    @Test func migrateMovesAVolumeToAnotherPoolOfItsZone() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.deploy()
            let vmID = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let zone = try #require(vm["jobresult.virtualmachine.zoneid"]?.text)
            let first = try await c.value("listStoragePools", [("zoneid", zone)], "storagepool.0.id")
            let made = try await c.get(
                "createStoragePool",
                [
                    ("name", "second"), ("zoneid", zone), ("scope", "zone"),
                    ("hypervisor", "Simulator"), ("url", "nfs://192.0.2.20/export/second"),
                ])
            let second = try #require(made.inner["storagepool.id"]?.text, "\(made.body)")
            let root = try await c.value("listVolumes", [("virtualmachineid", vmID)], "volume.0.id")
            #expect(try await c.value("listVolumes", [("id", root)], "volume.0.storageid") == first)

            let same = try await c.get("migrateVolume", [("volumeid", root), ("storageid", first)])
            #expect(same.inner["errortext"]?.text?.hasSuffix("is already on the destination storage pool") == true)
            let notLive = try await c.get("migrateVolume", [("volumeid", root), ("storageid", second)])
            #expect(
                notLive.inner["errortext"]?.text?.hasSuffix("the parameter livemigrate should be specified") == true)
            let moved = try await c.job(
                "migrateVolume", [("volumeid", root), ("storageid", second), ("livemigrate", "true")])
            #expect(moved["jobresult.volume.storageid"]?.text == second)
            #expect(moved["jobresult.volume.storage"]?.text == "second")
            #expect(try await c.value("listVolumes", [("id", root)], "volume.0.storage") == "second")

            let data = try await Self.readyVolume(c, name: "data", vm: vmID, zone: zone)
            // A new data volume is made on its VM's ROOT pool when first attached.
            #expect(try await c.value("listVolumes", [("id", data)], "volume.0.storageid") == second)
            let dataMoved = try await c.job("migrateVolume", [("volumeid", data), ("storageid", first)])
            #expect(dataMoved["jobresult.volume.storageid"]?.text == first)
            let offering = try await c.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
            let allocated = try #require(
                try await c.job("createVolume", [("name", "new"), ("zoneid", zone), ("diskofferingid", offering)])[
                    "jobresult.volume.id"]?.text)
            #expect(
                try await c.get("migrateVolume", [("volumeid", allocated), ("storageid", second)]).inner["errortext"]?
                    .text == "Volume must be in ready state")
        }
    }

    @Test func changeOfferingResizesAndAssignMovesOwnership() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let vm = try await c.deploy()
            let vmID = try #require(vm["jobresult.virtualmachine.id"]?.text)
            let zone = try #require(vm["jobresult.virtualmachine.zoneid"]?.text)
            let id = try await Self.readyVolume(c, name: "data", vm: vmID, zone: zone)
            let medium = try await c.value("listDiskOfferings", [("name", "Medium")], "diskoffering.0.id")
            let mediumSize = try await c.value("listDiskOfferings", [("name", "Medium")], "diskoffering.0.disksize")
            let changed = try await c.job("changeOfferingForVolume", [("id", id), ("diskofferingid", medium)])
            #expect(changed["jobresult.volume.diskofferingid"]?.text == medium)
            #expect(changed["jobresult.volume.size"]?.text == String((Int(mediumSize) ?? 0) << 30))
            let small = try await c.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
            let shrink = try await c.get("changeOfferingForVolume", [("id", id), ("diskofferingid", small)])
            #expect(shrink.inner["errortext"]?.text?.contains("shrinkok") == true)

            let dev = try await c.value("listAccounts", [("name", "dev"), ("listall", "true")], "account.0.id")
            let assigned = try await c.get("assignVolume", [("volumeid", id), ("accountid", dev)])
            #expect(assigned.inner["volume.account"]?.text == "dev", "\(assigned.body)")
            #expect(try await c.signed().value("listVolumes", [("id", id)], "volume.0.name") == "data")
            _ = try await c.job(
                "attachVolume",
                [
                    ("id", id),
                    (
                        "virtualmachineid",
                        try #require(try await c.signed().deploy()["jobresult.virtualmachine.id"]?.text)
                    ),
                ])
            #expect(try await c.get("assignVolume", [("volumeid", id), ("accountid", dev)]).status == 431)
        }
    }
}
