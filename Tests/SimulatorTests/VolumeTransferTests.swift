import Simulator
import TestSupport
import Testing
import Values

/// uploadVolume (UploadOp while it downloads; its job ends Uploaded) and extractVolume through the HTTP API.
@Suite struct VolumeTransferTests {
    /// Every upload's job answers Uploaded: the stored finish time (written as decimal text) used to read
    /// back a hair later than the job's end now and then, and the job answered UploadOp.
    @Test func everyUploadJobEndsWithItsDownload() async throws {
        try await withSimulator(quickJobOptions { $0.jobTime = .milliseconds(100) }) { sim async throws in
            let c = TestClient(sim)
            let zone = try await c.value("listZones", [("name", "Sandbox-1")], "zone.0.id")
            for n in 1...10 {
                let up = try await c.job(
                    "uploadVolume",
                    [("name", "up\(n)"), ("zoneid", zone), ("format", "QCOW2"), ("url", "http://example.com/d.qcow2")])
                #expect(up["jobresult.volume.state"]?.text == "Uploaded", "upload \(n): \(up)")
            }
        }
    }

    @Test func anUploadedVolumeArrivesThenAttaches() async throws {
        // Slow jobs, so the download (four job times) is still running when the test looks, even on a loaded machine.
        try await withSimulator(quickJobOptions { $0.jobTime = .seconds(3) }) { sim async throws in
            let c = TestClient(sim)
            let deployed = try await c.deploy()
            let vm = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            let zone = try #require(deployed["jobresult.virtualmachine.zoneid"]?.text)
            let badFormat = try await c.get(
                "uploadVolume",
                [("name", "up"), ("zoneid", zone), ("format", "DOCX"), ("url", "http://example.com/d.qcow2")])
            #expect(badFormat.inner["errortext"]?.text?.hasPrefix("Image format: DOCX is incorrect.") == true)
            #expect(
                try await c.get(
                    "uploadVolume",
                    [("name", "up"), ("zoneid", zone), ("format", "QCOW2"), ("url", "file:///etc/passwd")]
                ).status == 431)

            // The volume shows UploadOp while it downloads (four job times); the job ends with the download.
            let started = try await c.get(
                "uploadVolume",
                [("name", "up"), ("zoneid", zone), ("format", "qcow2"), ("url", "http://example.com/d.qcow2")])
            let id = try #require(started.inner["id"]?.text, "\(started.body)")
            let job = try #require(started.inner["jobid"]?.text, "\(started.body)")
            #expect(try await c.value("listVolumes", [("id", id)], "volume.0.state") == "UploadOp")
            #expect(
                try await c.get("destroyVolume", [("id", id)]).inner["errortext"]?.text
                    == "Please specify a volume that is not uploading")
            let up = try await c.wait(job: job)
            #expect(up["jobresult.volume.state"]?.text == "Uploaded", "\(up)")
            #expect(try await c.value("listVolumes", [("id", id)], "volume.0.state") == "Uploaded")
            let attached = try await c.job("attachVolume", [("id", id), ("virtualmachineid", vm)])
            #expect(attached["jobresult.volume.state"]?.text == "Ready")
        }
    }

    @Test func extractNeedsAVolumeOnStorageAndAStoppedVM() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let deployed = try await c.deploy()
            let vm = try #require(deployed["jobresult.virtualmachine.id"]?.text)
            let zone = try #require(deployed["jobresult.virtualmachine.zoneid"]?.text)
            let root = try await c.value("listVolumes", [("virtualmachineid", vm)], "volume.0.id")
            let running = try await c.get("extractVolume", [("id", root), ("zoneid", zone), ("mode", "HTTP_DOWNLOAD")])
            #expect(running.status == 531)
            _ = try await c.job("stopVirtualMachine", [("id", vm)])
            #expect(
                try await c.get("extractVolume", [("id", root), ("zoneid", zone), ("mode", "SCP")]).inner["errortext"]?
                    .text == "Please specify a valid extract Mode ")
            let extracted = try await c.job(
                "extractVolume", [("id", root), ("zoneid", zone), ("mode", "HTTP_DOWNLOAD")])
            #expect(extracted["jobresult.volume.id"]?.text == root)
            #expect(extracted["jobresult.volume.state"]?.text == "DOWNLOAD_URL_CREATED")
            #expect(extracted["jobresult.volume.url"]?.text?.hasPrefix("https://") == true)
            let offering = try await c.value("listDiskOfferings", [("name", "Small")], "diskoffering.0.id")
            let fresh = try #require(
                try await c.job("createVolume", [("name", "fresh"), ("zoneid", zone), ("diskofferingid", offering)])[
                    "jobresult.volume.id"]?.text)
            #expect(
                try await c.get("extractVolume", [("id", fresh), ("zoneid", zone), ("mode", "HTTP_DOWNLOAD")]).inner[
                    "errortext"]?.text
                    == "The volume doesnt belong to a storage pool so cant extract it")
        }
    }
}
