import Simulator
import TestSupport
import Testing

/// acsh itself against `--datacenter cloudstack-simulator`: names of the container's data center
/// resolve (a template listed once per zone is one template), a basic-zone VM gets an address
/// of the basic zone's guest range, and a host goes through maintenance.
@Suite struct DataCenterCommandTests {
    @Test func acshDeploysAndMaintainsHostsOnTheContainersDataCenter() async throws {
        try await withSimulator(quickJobOptions { $0.datacenter = .cloudstackSimulator }) { sim in
            let acsh = try ACSHProcess()
            let deploy = try await acsh.run(
                [
                    "-c",
                    """
                    vm = deploy template:"CentOS 5.6 (64-bit) no GUI (Simulator)" zone:Sandbox-simulator-basic serviceoffering:"Small Instance" name:e2e-1
                    print vm.nic[0].ipaddress
                    """,
                ], env: acsh.cloud(sim))
            #expect(deploy.code == 0, "\(deploy.err)")
            #expect(deploy.out.trimmingCharacters(in: .whitespacesAndNewlines) == "60.147.41.2")
            let maintenance = try await acsh.run(
                [
                    "-c",
                    """
                    h = (list hosts zone:Sandbox-simulator-advanced)[0]
                    j = prepareHostForMaintenance id:$h.id
                    a = (list hosts id:$h.id)[0]
                    k = cancelHostMaintenance id:$h.id
                    b = (list hosts id:$h.id)[0]
                    print "$a.resourcestate $b.resourcestate"
                    """,
                ], env: acsh.cloud(sim))
            #expect(maintenance.code == 0, "\(maintenance.err)")
            #expect(
                maintenance.out.trimmingCharacters(in: .whitespacesAndNewlines) == "Maintenance Enabled",
                "\(maintenance.out)")

        }
    }

    @Test func anUnknownDataCenterIsAUsageError() async throws {
        let r = try await ACSHProcess().run(["simulator", "--datacenter", "lab", "--print-keys"])
        #expect(r.code == 2)
        #expect(r.err.contains("cloudstack-simulator"), "\(r.err)")
    }
}
