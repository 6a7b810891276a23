import Simulator
import TestSupport
import Testing
import Values

/// The Python `cs` client against `--datacenter cloudstack-simulator`, set up the way harnesses
/// written for the official simulator container set up: the keys read from /admin.json.
extension ThirdPartyClientTests {
    @Test func csAgainstTheContainersDataCenter() async throws {
        let cs = try await Self.csExecutable()
        try await withSimulator(
            quickJobOptions {
                $0.datacenter = .cloudstackSimulator; $0.jobTime = .milliseconds(100)
            }
        ) { sim async throws in
            // What ansible-test does: fetch admin.json, then sign with the keys it holds.
            let root = String(sim.baseURL.dropLast("/client/api".count))
            let page = try await TestClient(sim).send(method: .GET, url: root + "/admin.json", body: nil)
            var e = env(sim)
            e["CLOUDSTACK_KEY"] = try #require(page.json["apikey"]?.text)
            e["CLOUDSTACK_SECRET"] = try #require(page.json["secretkey"]?.text)
            func run(_ args: [String]) async throws -> Value {
                let r = try await Self.run(cs, args, env: e)
                guard r.status == 0, let v = try? JSONParser.parse(r.out) else {
                    throw CSFailed(
                        description: "cs \(args.joined(separator: " ")) exited \(r.status): \(r.err) \(r.out)")
                }
                return v
            }

            let zones = try await run(["listZones", "name=Sandbox-simulator-basic"])
            let basic = try #require(zones["zone.0.id"]?.text)
            let template = try await run([
                "listTemplates", "templatefilter=all", "zoneid=\(basic)",
                "name=CentOS 5.6 (64-bit) no GUI (Simulator)",
            ])
            #expect(template["template.0.isready"]?.bool == true)
            let pod = try await run(["listPods", "name=POD0-basic", "zoneid=\(basic)"])
            let cluster = try await run(["listClusters", "name=C0-basic", "zoneid=\(basic)"])

            // A host added, tagged, put in maintenance (cs polls the job) and removed.
            let added = try await run([
                "addHost", "zoneid=\(basic)", "podid=\(try #require(pod["pod.0.id"]?.text))",
                "clusterid=\(try #require(cluster["cluster.0.id"]?.text))", "hypervisor=Simulator",
                "url=http://sim/c0-basic/h2", "username=root", "password=password", "hosttags=perf",
            ])
            let host = try #require(added["host.0.id"]?.text)
            #expect(added["host.0.podname"]?.text == "POD0-basic")
            let maint = try await run(["prepareHostForMaintenance", "id=\(host)"])
            #expect(maint["host.resourcestate"]?.text == "Maintenance")
            #expect(try await run(["deleteHost", "id=\(host)"])["success"]?.bool == true)

            // A basic-zone VM takes its address from the basic zone's guest range.
            let so = try await run(["listServiceOfferings", "name=Small Instance"])
            let vm = try await run([
                "deployVirtualMachine", "zoneid=\(basic)", "name=basic-vm",
                "templateid=\(try #require(template["template.0.id"]?.text))",
                "serviceofferingid=\(try #require(so["serviceoffering.0.id"]?.text))",
            ])
            #expect(vm["virtualmachine.nic.0.ipaddress"]?.text?.hasPrefix("60.147.41.") == true, "\(vm)")
        }
    }
}
