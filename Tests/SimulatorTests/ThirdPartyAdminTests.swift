import FoundationEssentials
@testable import Simulator
import TestSupport
import Testing
import Values

/// The admin side driven by clients nobody here wrote: the Python `cs` client asks for upload
/// parameters and usage records, and Python's `requests` (installed with cs) posts the file the way
/// CloudStack's upload documentation has a script do it. In ThirdPartyClientTests' serialized suite.
extension ThirdPartyClientTests {
    static let uploadScript = """
        import sys, requests
        url, signature, metadata, expires = sys.argv[1:5]
        r = requests.post(url, files={"file": ("disk.qcow2", b"q" * 2048)},
                          headers={"X-signature": signature, "X-metadata": metadata, "X-expires": expires})
        print(r.status_code, r.text)
        """

    @Test func csUploadsAVolumeByPostAndReadsItsUsage() async throws {
        let cs = try await Self.csExecutable()
        let python = Self.venv.appendingPathComponent("bin/python").path
        try await withSimulator(quickJobOptions()) { sim async throws in
            let zone = try #require(try await self.cs(cs, ["listZones", "name=Sandbox-1"], sim)["zone.0.id"]?.text)
            let grant = try await self.cs(
                cs, ["getUploadParamsForVolume", "name=cs-upload", "zoneid=\(zone)", "format=QCOW2"], sim)
            let params = try #require(grant["getuploadparams"], "\(grant)")
            let id = try #require(params[field: "id"]?.text)
            let fields = ["postURL", "signature", "metadata", "expires"].map { params[field: $0]?.text ?? "" }
            let posted = try await Self.run(python, ["-c", Self.uploadScript] + fields)
            #expect(posted.out.trimmingSpaces() == "200 upload successful.", "\(posted.err)")
            // The storage processes it on the simulator's clock: poll as a client would.
            let clock = ContinuousClock(), end = clock.now + .seconds(120)
            var state = ""
            while clock.now < end, state != "Uploaded" {
                state = try await self.cs(cs, ["listVolumes", "id=\(id)"], sim)["volume.0.state"]?.text ?? ""
                if state != "Uploaded" { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(state == "Uploaded")
            // A second post of the one-time URL is refused.
            let again = try await Self.run(python, ["-c", Self.uploadScript] + fields)
            #expect(again.out.trimmingSpaces() == "400 The one time post url is already used")

            let period = ["startdate=2000-01-01", "enddate=2999-12-31"]
            let generated = try await self.cs(cs, ["generateUsageRecords"] + period, sim)
            #expect(generated["success"]?.bool == true)
            let usage = try await self.cs(cs, ["listUsageRecords", "type=6", "usageid=\(id)"] + period, sim)
            let record = try #require(usage["usagerecord.0"], "\(usage)")
            #expect(record[field: "usage"]?.text?.hasSuffix(" Hrs") == true)
            // The size is what came over the wire (the file in its multipart envelope).
            #expect((record[field: "size"]?.number?.int ?? 0) > 2048)
        }
    }
}
