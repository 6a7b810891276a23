import Foundation
import Simulator
import TestSupport
import Testing
import Values

/// A client nobody here wrote: the Python `cs` package from PyPI, in a virtualenv
/// under .build (made once, then reused). If it cannot be installed the test fails
/// with the reason: CI has PyPI.
@Suite(.serialized) struct ThirdPartyClientTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let venv = packageRoot.appendingPathComponent(".build/venv-cs")

    struct Run { var status: Int32; var out: String; var err: String }

    static func run(_ exe: String, _ args: [String], env: [String: String] = [:]) async throws -> Run {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acsh-cs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        var environment = ProcessInfo.processInfo.environment
        environment.merge(env, uniquingKeysWith: { $1 })
        environment["HOME"] = dir.path  // no ~/.cloudstack.ini from the machine leaks in
        let status = try await Spawn.run(
            exe, args, environment: environment, directory: dir.path, stdout: outURL.path, stderr: errURL.path,
            stdin: nil)
        return Run(
            status: status, out: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            err: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// The `cs` executable, installing it into the virtualenv when missing.
    static func csExecutable() async throws -> String {
        let cs = venv.appendingPathComponent("bin/cs").path
        if FileManager.default.isExecutableFile(atPath: cs) { return cs }
        if !FileManager.default.fileExists(atPath: venv.appendingPathComponent("bin/pip").path) {
            let made = try await run("/usr/bin/env", ["python3", "-m", "venv", venv.path])
            #expect(made.status == 0, "python3 -m venv \(venv.path) failed: \(made.err); install python3-venv")
        }
        let pip = try await run(venv.appendingPathComponent("bin/pip").path, ["install", "--quiet", "cs"])
        #expect(pip.status == 0, "pip install cs failed (is PyPI reachable?): \(pip.err)")
        return cs
    }

    struct CSFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs cs and parses what it printed; a failure carries cs's own stderr.
    func cs(_ exe: String, _ args: [String], _ sim: Simulator) async throws -> Value {
        let r = try await Self.run(exe, args, env: env(sim))
        guard r.status == 0, let v = try? JSONParser.parse(r.out) else {
            throw CSFailed(description: "cs \(args.joined(separator: " ")) exited \(r.status): \(r.err) \(r.out)")
        }
        return v
    }

    /// The seed's first featured template and "Small Instance", looked up through cs itself: (template, offering).
    func csDeployIDs(_ exe: String, _ sim: Simulator) async throws -> (String, String) {
        let tmpl = try #require(
            try await cs(exe, ["listTemplates", "templatefilter=featured"], sim)["template.0.id"]?.text)
        let so = try #require(
            try await cs(exe, ["listServiceOfferings", "name=Small Instance"], sim)["serviceoffering.0.id"]?.text)
        return (tmpl, so)
    }

    /// cs's own request timeout is 10 s: a loaded CI machine must never turn a slow answer into a failure.
    func env(_ sim: Simulator) -> [String: String] {
        [
            "CLOUDSTACK_ENDPOINT": sim.baseURL, "CLOUDSTACK_KEY": SimulatorOptions.sandboxAPIKey,
            "CLOUDSTACK_SECRET": SimulatorOptions.sandboxSecretKey, "CLOUDSTACK_REGION": "none",
            "CLOUDSTACK_TIMEOUT": "120",
        ]
    }

    @Test func csListsZonesDeploysAndWaits() async throws {
        let cs = try await Self.csExecutable()
        try await withSimulator(quickJobOptions { $0.jobTime = .milliseconds(200) }) { sim async throws in
            let zones = try await Self.run(cs, ["listZones"], env: env(sim))
            #expect(zones.status == 0, "cs listZones: \(zones.err)")
            let z = try JSONParser.parse(zones.out)
            #expect(z["count"]?.text == "2")
            #expect(z["zone.0.name"]?.text == "Sandbox-1")

            // POST and a value with a space, signed by cs's own code.
            let posted = try await self.cs(cs, ["--post", "listServiceOfferings", "keyword=medium instance"], sim)
            #expect(posted["serviceoffering.0.name"]?.text == "Medium Instance")

            // A wrong secret is refused, and cs reports the server's 401.
            var bad = env(sim)
            bad["CLOUDSTACK_SECRET"] = "wrong"
            let refused = try await Self.run(cs, ["listZones"], env: bad)
            #expect(refused.status != 0)
            #expect((refused.out + refused.err).contains("401"))
        }
    }

    /// The issue's scenario, by GET and again by POST: list zones, deploy (cs polls the job),
    /// list, stop, destroy with expunge, and a call missing a required parameter.
    @Test(arguments: [false, true]) func csScenario(post: Bool) async throws {
        let cs = try await Self.csExecutable()
        try await withSimulator(quickJobOptions { $0.jobTime = .milliseconds(200) }) { sim async throws in
            let method = post ? ["--post"] : []
            let name = post ? "cs-post" : "cs-get"
            let z = try await self.cs(cs, method + ["listZones"], sim)
            let zone = try #require(z["zone.0.id"]?.text)
            let tmpl = try await self.cs(cs, method + ["listTemplates", "templatefilter=featured"], sim)
            let so = try await self.cs(cs, method + ["listServiceOfferings", "name=Small Instance"], sim)
            let jobsBefore = sim.requestCount(command: "queryAsyncJobResult")
            let job = try await self.cs(
                cs,
                method + [
                    "deployVirtualMachine", "zoneid=\(zone)",
                    "templateid=\(try #require(tmpl["template.0.id"]?.text))",
                    "serviceofferingid=\(try #require(so["serviceoffering.0.id"]?.text))",
                    "name=\(name)",
                ], sim)
            // cs polls queryAsyncJobResult itself and prints the finished job.
            #expect(job["virtualmachine.name"]?.text == name)
            #expect(job["virtualmachine.state"]?.text == "Running")
            #expect(sim.requestCount(command: "queryAsyncJobResult") > jobsBefore)
            let id = try #require(job["virtualmachine.id"]?.text)

            let listed = try await self.cs(cs, method + ["listVirtualMachines", "name=\(name)"], sim)
            #expect(listed["virtualmachine.0.state"]?.text == "Running")
            let stopped = try await self.cs(cs, method + ["stopVirtualMachine", "id=\(id)"], sim)
            #expect(stopped["virtualmachine.state"]?.text == "Stopped")
            _ = try await self.cs(cs, method + ["destroyVirtualMachine", "id=\(id)", "expunge=true"], sim)
            // An empty list is `{}`, which cs prints as nothing.
            let gone = try await Self.run(cs, method + ["listVirtualMachines", "id=\(id)"], env: env(sim))
            #expect(gone.status == 0 && gone.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(gone.out)")

            // A required parameter left out: cs exits 1 and shows the server's errortext.
            let missing = try await Self.run(
                cs,
                method + [
                    "deployVirtualMachine", "zoneid=\(zone)",
                    "templateid=\(try #require(tmpl["template.0.id"]?.text))",
                ], env: env(sim))
            #expect(missing.status == 1)
            let text = "Unable to execute API command deployvirtualmachine due to missing parameter serviceofferingid"
            #expect(missing.err.contains("431"), "\(missing.err)")
            let answer = try JSONParser.parse(missing.out)
            #expect(
                (answer["errortext"] ?? answer.record?.values.first?[field: "errortext"])?.text == text,
                "\(missing.out)")
        }
    }

    /// Networking through cs: a VPC (cs waits for its job), a tier, a VM in it, a VPC address,
    /// a load balancer rule with the VM assigned, and the server's refusal of a second VPN gateway.
    @Test func csVPCTierAndLoadBalancer() async throws {
        let cs = try await Self.csExecutable()
        try await withSimulator(quickJobOptions { $0.jobTime = .milliseconds(100) }) { sim async throws in
            let zone = try #require(try await self.cs(cs, ["listZones", "name=Sandbox-1"], sim)["zone.0.id"]?.text)
            let offering = try #require(
                try await self.cs(cs, ["listVPCOfferings", "name=Default VPC offering"], sim)["vpcoffering.0.id"]?.text)
            let vpc = try await self.cs(
                cs,
                [
                    "createVPC", "name=shop", "displaytext=shop", "cidr=10.10.0.0/16", "zoneid=\(zone)",
                    "vpcofferingid=\(offering)",
                ], sim)
            let vpcID = try #require(vpc["vpc.id"]?.text, "\(vpc)")
            let tierOffering = try #require(
                try await self.cs(
                    cs,
                    [
                        "listNetworkOfferings", "forvpc=true", "supportedservices=Lb",
                        "name=DefaultIsolatedNetworkOfferingForVpcNetworks",
                    ], sim)["networkoffering.0.id"]?.text)
            let tier = try await self.cs(
                cs,
                [
                    "--post", "createNetwork", "name=web", "displaytext=web tier", "zoneid=\(zone)",
                    "vpcid=\(vpcID)", "networkofferingid=\(tierOffering)", "gateway=10.10.1.1",
                    "netmask=255.255.255.0",
                ], sim)
            let tierID = try #require(tier["network.id"]?.text, "\(tier)")
            #expect(tier["network.aclid"] == nil)
            let (tmpl, so) = try await self.csDeployIDs(cs, sim)
            let vm = try await self.cs(
                cs,
                [
                    "deployVirtualMachine", "zoneid=\(zone)", "templateid=\(tmpl)", "serviceofferingid=\(so)",
                    "networkids=\(tierID)", "name=web-1",
                ], sim)
            let vmID = try #require(vm["virtualmachine.id"]?.text, "\(vm)")
            let ip = try await self.cs(cs, ["associateIpAddress", "vpcid=\(vpcID)"], sim)
            let ipID = try #require(ip["ipaddress.id"]?.text, "\(ip)")
            let rule = try await self.cs(
                cs,
                [
                    "createLoadBalancerRule", "name=web", "publicipid=\(ipID)", "networkid=\(tierID)",
                    "algorithm=leastconn", "publicport=443", "privateport=8443",
                ], sim)
            let ruleID = try #require(rule["loadbalancer.id"]?.text, "\(rule)")
            #expect(rule["loadbalancer.algorithm"]?.text == "leastconn")
            _ = try await self.cs(cs, ["assignToLoadBalancerRule", "id=\(ruleID)", "virtualmachineids=\(vmID)"], sim)
            let members = try await self.cs(cs, ["listLoadBalancerRuleInstances", "id=\(ruleID)"], sim)
            #expect(members["loadbalancerruleinstance.0.name"]?.text == "web-1")
            #expect(
                try await self.cs(cs, ["listPublicIpAddresses", "id=\(ipID)"], sim)[
                    "publicipaddress.0.associatednetworkid"]?.text == tierID)
            _ = try await self.cs(cs, ["createVpnGateway", "vpcid=\(vpcID)"], sim)
            let again = try await Self.run(cs, ["createVpnGateway", "vpcid=\(vpcID)"], env: env(sim))
            #expect(again.status == 1 && again.err.contains("431"), "\(again.err)")
        }
    }

    /// Older clients sign without signatureVersion and expires; the server still accepts that.
    @Test func csSigningWithoutExpires() async throws {
        let cs = try await Self.csExecutable()
        try await withSimulator(quickJobOptions()) { sim async throws in
            var e = env(sim)
            e["CLOUDSTACK_EXPIRATION"] = "-1"  // cs then leaves both parameters out
            let r = try await Self.run(cs, ["--trace", "listZones"], env: e)
            #expect(r.status == 0, "\(r.err)")
            #expect(try JSONParser.parse(r.out)["count"]?.text == "2")
            #expect(
                r.err.contains("listZones") && !r.err.contains("expires") && !r.err.contains("signatureVersion"),
                "\(r.err)")
        }
    }
}
