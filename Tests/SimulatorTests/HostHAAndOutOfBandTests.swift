import Simulator
import TestSupport
import Testing
import Values

/// Host HA (providers, configure, enable/disable per host, cluster and zone) and out-of-band
/// management (configure, enable/disable, power actions, password change).
@Suite struct HostHAAndOutOfBandTests {
    @Test func hostHA() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            #expect(
                try await c.value("listHostHAProviders", [("hypervisor", "Simulator")], "haprovider.0.haprovider")
                    == "simulatorhaprovider")
            #expect(
                try await c.value("listHostHAProviders", [("hypervisor", "KVM")], "haprovider.0.haprovider")
                    == "kvmhaprovider")
            #expect(try await c.get("listHostHAProviders", [("hypervisor", "XenServer")]).inner["count"] == nil)
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            let cluster = try await c.value("listHosts", [("id", host)], "host.0.clusterid")
            let early = try await c.get("enableHAForHost", [("hostid", host)])
            #expect(early.status == 431)
            let wrong = try await c.get("configureHAForHost", [("hostid", host), ("provider", "kvmhaprovider")])
            #expect(wrong.status == 431)
            let configured = try await c.job(
                "configureHAForHost", [("hostid", host), ("provider", "simulatorhaprovider")])
            #expect(configured["cmd"]?.text == "org.apache.cloudstack.api.command.admin.ha.ConfigureHAForHostCmd")
            #expect(configured["jobresult.hostha.hastate"]?.text == "Disabled")
            let enabled = try await c.job("enableHAForHost", [("hostid", host)])
            #expect(enabled["jobresult.hostha.haenable"]?.bool == true)
            #expect(enabled["jobresult.hostha.hastate"]?.text == "Available")
            #expect(try await c.job("disableHAForCluster", [("clusterid", cluster)])["jobresult.success"]?.bool == true)
            #expect(try await c.value("listHostHAResources", [("hostid", host)], "hostha.0.hastate") == "Ineligible")
            _ = try await c.job("enableHAForCluster", [("clusterid", cluster)])
            _ = try await c.job("disableHAForHost", [("hostid", host)])
            let listed = try await c.get("listHostHAResources").inner
            #expect(listed["count"]?.number?.int == 1)
            #expect(listed["hostha.0.hastate"]?.text == "Disabled")
        }
    }

    @Test func outOfBandManagementPowersAHost() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            let zone = try await c.value("listHosts", [("id", host)], "host.0.zoneid")
            let early = try await c.get(
                "issueOutOfBandManagementPowerAction", [("hostid", host), ("action", "STATUS")])
            #expect(early.status == 530)
            #expect(
                early.inner["errortext"]?.text
                    == "Out-of-band management is disabled or not configured for the host. Aborting Operation.")
            let unconfigured = try await c.job("enableOutOfBandManagementForHost", [("hostid", host)])
            #expect(unconfigured["jobresult.outofbandmanagement.status"]?.bool == false)
            let configured = try await c.get(
                "configureOutOfBandManagement",
                [
                    ("hostid", host), ("driver", "ipmitool"), ("address", "192.0.2.100"), ("port", "623"),
                    ("username", "root"),
                    ("password", "s3cret-bmc"),
                ])
            #expect(configured.inner["outofbandmanagement.driver"]?.text == "ipmitool")
            #expect(configured.inner["outofbandmanagement.enabled"]?.bool == false)
            #expect(configured.body.contains("s3cret-bmc") == false)
            _ = try await c.job("enableOutOfBandManagementForHost", [("hostid", host)])
            #expect(try await c.value("listHostsMetrics", [("id", host)], "host.0.powerstate") == "On")
            let off = try await c.job("issueOutOfBandManagementPowerAction", [("hostid", host), ("action", "OFF")])
            #expect(off["jobresult.outofbandmanagement.powerstate"]?.text == "Off")
            #expect(off["jobresult.outofbandmanagement.status"]?.bool == true)
            let status = try await c.job(
                "issueOutOfBandManagementPowerAction", [("hostid", host), ("action", "status")])
            #expect(status["jobresult.outofbandmanagement.powerstate"]?.text == "Off")
            let bad = try await c.get("issueOutOfBandManagementPowerAction", [("hostid", host), ("action", "EXPLODE")])
            #expect(bad.status == 431)
            #expect(
                try await c.job("changeOutOfBandManagementPassword", [("hostid", host), ("password", "n3w")])[
                    "jobresult.outofbandmanagement.status"]?.bool == true)
            // Off for the zone: no power actions there.
            _ = try await c.job("disableOutOfBandManagementForZone", [("zoneid", zone)])
            let zoneOff = try await c.get("issueOutOfBandManagementPowerAction", [("hostid", host), ("action", "ON")])
            #expect(
                zoneOff.inner["errortext"]?.text
                    == "Out-of-band management is disabled for the host's zone. Aborting Operation.")
            #expect(try await c.value("listHostsMetrics", [("id", host)], "host.0.powerstate") == "Disabled")
            _ = try await c.job("enableOutOfBandManagementForZone", [("zoneid", zone)])
            let on = try await c.job("issueOutOfBandManagementPowerAction", [("hostid", host), ("action", "ON")])
            #expect(on["jobresult.outofbandmanagement.powerstate"]?.text == "On")
            #expect(try await c.signed().get("configureOutOfBandManagement", [("hostid", host)]).status == 432)
        }
    }
}

/// What listHosts shows of HA and out-of-band management, and system VMs leaving a host in maintenance.
@Suite struct HostStateTests {
    @Test func listHostsNestsHAAndOutOfBandState() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            let before = try await c.get("listHosts", [("id", host)]).inner
            #expect(before["host.0.hostha.hastate"]?.text == "Disabled")
            #expect(before["host.0.outofbandmanagement.powerstate"]?.text == "Disabled")
            _ = try await c.job("configureHAForHost", [("hostid", host), ("provider", "simulatorhaprovider")])
            _ = try await c.job("enableHAForHost", [("hostid", host)])
            let after = try await c.get("listHosts", [("id", host)]).inner
            #expect(after["host.0.hostha.hastate"]?.text == "Available")
            #expect(after["host.0.hostha.haprovider"]?.text == "simulatorhaprovider")
        }
    }

    @Test func systemVMsLeaveAHostGoingIntoMaintenance() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let ssvm = try #require(
                try await c.get("listSystemVms", [("systemvmtype", "secondarystoragevm")]).inner["systemvm.0"])
            let id = try #require(ssvm[field: "id"]?.text), host = try #require(ssvm[field: "hostid"]?.text)
            let job = try await c.job("prepareHostForMaintenance", [("id", host)])
            #expect(job["jobstatus"]?.number?.int == 1)
            let moved = try await c.value("listSystemVms", [("id", id)], "systemvm.0.hostid")
            #expect(moved != host)
            #expect(try await c.value("listSystemVms", [("id", id)], "systemvm.0.state") == "Running")
        }
    }
}

/// reconnectHost: Connecting while the job runs, Up again after it.
@Suite struct HostReconnectTests {
    /// While a reconnect runs (a job that cannot end during the test: a hanging-job fault), the host is
    /// Connecting and a second reconnect is refused.
    @Test func aHostConnectsWhileItsJobRuns() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            let fault = try await c.get(
                "simulatorFault", [("clear", "true"), ("fault", "job-hang@reconnectHost:first1")])
            #expect(fault.status == 200, "\(fault.body)")
            let r = try await c.get("reconnectHost", [("id", host)])
            #expect(r.inner["jobid"]?.text != nil, "\(r.body)")
            #expect(try await c.value("listHosts", [("id", host)], "host.0.state") == "Connecting")
            let twice = try await c.get("reconnectHost", [("id", host)])
            #expect(twice.status == 530)
            #expect(
                twice.inner["errortext"]?.text?.hasPrefix(
                    "Unable to disconnect host because it is not in the correct state") == true)
        }
    }

    @Test func aHostReconnects() async throws {
        try await withSimulator(quickJobOptions()) { sim async throws in
            let c = TestClient(sim)
            let host = try await c.value("listHosts", [("type", "Routing")], "host.0.id")
            let done = try await c.job("reconnectHost", [("id", host)])
            #expect(done["cmd"]?.text == "org.apache.cloudstack.api.command.admin.host.ReconnectHostCmd")
            #expect(done["jobresult.host.state"]?.text == "Up")
            #expect(try await c.value("listEvents", [("type", "HOST.RECONNECT")], "count") == "2")
            #expect(try await c.signed().get("reconnectHost", [("id", host)]).status == 432)
        }
    }
}
