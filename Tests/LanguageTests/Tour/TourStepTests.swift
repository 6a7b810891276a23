import Foundation
import Testing
import Values
@testable import Language

/// Each step's check against a real simulator: the learner's commands run in a
/// real session, the check asks the server, and a wrong action gets its hint.
@Suite struct TourStepTests {
    static let deploy =
        "deploy vm zone:Sandbox-1 template:\"Debian 12\" serviceoffering:\"Small Instance\" name:tour-vm"

    @Test func infrastructureWantsAZoneAndOneOfItsHosts() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        try await lab.expectHint("infrastructure", "no variable `$zone` yet")
        await lab.type("zone = list zones")
        try await lab.expectHint("infrastructure", "holds a list of 2 items")
        await lab.type("zone = (list zones name:Sandbox-1)[0]")
        try await lab.expectHint("infrastructure", "no variable `$host` yet")
        await lab.type("other = (list zones name:Sandbox-2)[0]")
        await lab.type("host = (list hosts zoneid:$other.id)[0]")
        try await lab.expectHint("infrastructure", "is in zone Sandbox-2, not in Sandbox-1")
        await lab.type("host = (list hosts zoneid:$zone.id type:Routing)[0]")
        let pass = try await lab.expectPass("infrastructure")
        #expect(pass.text.contains("Zone Sandbox-1"))
        #expect(pass.text.contains("Pod "))
        #expect(pass.text.contains("cluster "))
    }

    @Test func offeringsRejectADiskOfferingAndOneNoHostFits() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        try await lab.expectHint("offerings", "no variable `$offering` yet")
        await lab.type("offering = (list diskofferings name:Small)[0]")
        try await lab.expectHint("offerings", "is a disk offering")
        await lab.type("offering = (list serviceofferings name:\"Huge Instance\")[0]")
        await lab.type("template = (list templates templatefilter:featured name:\"Debian 12\")[0]")
        try await lab.expectHint("offerings", "would fail with 533 (insufficient capacity)")
        await lab.type("offering = (list serviceofferings name:\"Small Instance\")[0]")
        await lab.type("template = 42")
        try await lab.expectHint("offerings", "`$template` is a number, not a template")
        await lab.type("template = (list templates templatefilter:featured name:\"Debian 12\")[0]")
        let pass = try await lab.expectPass("offerings")
        #expect(pass.text.contains("Small Instance: 1 vCPU at 1000 MHz, 512 MB RAM"))
        #expect(pass.text.contains("Template Debian 12"))
    }

    @Test func deployWaitsForTheJob() async throws {
        // Jobs that take a minute: the VM stays Starting while the check runs.
        let slow = try await TourLab(jobTime: .seconds(60))
        defer { Task { await slow.close() } }
        try await slow.expectHint("deploy", "no VM named tour-vm yet")
        await slow.type("job = \(Self.deploy) &")
        try await slow.expectHint("deploy", "exists but is Starting, not Running yet: wait for the job: `wait job`")

        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        await lab.type("job = \(Self.deploy) &")
        await lab.type("vm = wait job")
        let pass = try await lab.expectPass("deploy")
        let host = await lab.type("print $vm.hostname").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!host.isEmpty && pass.text.contains("tour-vm is Running on host \(host) in Sandbox-1"))
        // The server's record of the learner's job.
        let jobid = await lab.type("print $job.jobid").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(pass.text.contains("Job \(jobid) (DeployVMCmd): jobstatus 1, created "))
        let vmid = await lab.type("print $vm.id").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(pass.remember == ["vmid": vmid])
        // Another tour-vm, in the other zone (names are unique per network).
        await lab.type(
            "deploy vm zone:Sandbox-2 template:\"Debian 12\" serviceoffering:\"Small Instance\" name:tour-vm")
        try await lab.expectHint("deploy", "2 VMs are named tour-vm")
    }

    @Test func volumesWantADataVolumeAttachedToTheVM() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        try await lab.expectHint("volumes", "no VM named tour-vm on this server")
        await lab.type(Self.deploy)
        try await lab.expectHint("volumes", "no data volume on tour-vm yet")
        await lab.type("disk = create volume name:tour-data zone:Sandbox-1 diskoffering:Small")
        try await lab.expectHint("volumes", "tour-data exists (Allocated) but is not attached to tour-vm")
        await lab.type("attach volume id:$disk.id virtualmachineid:tour-vm")
        let pass = try await lab.expectPass("volumes")
        #expect(pass.text.contains(/ROOT-\d+ \(2 GB, device 0\)/))
        #expect(pass.text.contains("tour-data (5 GB, disk offering Small, device 1)"))
        #expect(pass.remember["rootvolumeid"] != nil && pass.remember["datavolumeid"] != nil)
    }

    @Test func securityGroupWantsAnIngressAndAnEgressRule() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        try await lab.expectHint("securitygroup", "no security group named tour-web yet")
        await lab.type("create securitygroup name:tour-web")
        try await lab.expectHint("securitygroup", "tour-web has no ingress rule yet")
        await lab.type(
            "authorize securitygroupingress securitygroupname:tour-web protocol:tcp startport:22 endport:22 cidrlist:0.0.0.0/0"
        )
        try await lab.expectHint("securitygroup", "no egress rule yet")
        await lab.type(
            "authorize securitygroupegress securitygroupname:tour-web protocol:tcp startport:443 endport:443 cidrlist:0.0.0.0/0"
        )
        let pass = try await lab.expectPass("securitygroup")
        #expect(pass.text.contains("tour-web lets in: tcp 22-22 0.0.0.0/0."))
        #expect(pass.text.contains("It lets out: tcp 443-443 0.0.0.0/0."))
    }

    @Test func stopDestroyAndExpungeFollowTheVMsStates() async throws {
        let lab = try await TourLab()
        defer { Task { await lab.close() } }
        await lab.type("vm = \(Self.deploy)")
        await lab.type("disk = create volume name:tour-data zone:Sandbox-1 diskoffering:Small")
        await lab.type("attach volume id:$disk.id virtualmachineid:$vm.id")
        let remembered = try await lab.expectPass("volumes").remember
        try await lab.expectHint("stop", "tour-vm is still Running: `stop vm id:tour-vm`")
        try await lab.expectHint("destroy", "tour-vm is Running: `destroy vm id:tour-vm`")
        await lab.type("stop vm id:tour-vm")
        _ = try await lab.expectPass("stop")
        try await lab.expectHint("expunge", "destroy it first")
        await lab.type("destroy vm id:tour-vm")
        try await lab.expectHint("stop", "already Destroyed: `recover vm id:tour-vm`")
        let destroyed = try await lab.expectPass("destroy", remembered: remembered)
        #expect(destroyed.text.contains("tour-data is detached now"))
        try await lab.expectHint("expunge", "tour-vm is Destroyed, not gone yet: `expunge vm id:tour-vm`")
        await lab.type("expunge vm id:tour-vm")
        let gone = try await lab.expectPass(
            "expunge", remembered: remembered.merging(["vmid": destroyed.remember["vmid"] ?? ""]) { $1 })
        #expect(gone.text.contains("Its ROOT volume went with it"))
        #expect(gone.text.contains("tour-data is still there"))
    }
}
