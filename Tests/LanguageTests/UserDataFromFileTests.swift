import CloudClient
import Contracts
import Foundation
import TestSupport
import Testing
@testable import Language

/// `deploy ... userdata:(base64(read("cloud-init.yaml")))`: a long file goes by POST
/// (CloudClient's Wire picks it past its URL limit) and is redacted in the trace.
@Suite struct UserDataFromFileTests {
    @Test func longUserDataFromAFileGoesByPostAndStaysOutOfTheTrace() async throws {
        let dir = try TemporaryDirectory()
        // About 6 KB of cloud-init: well past what a URL may carry.
        let yaml =
            "#cloud-config\nwrite_files:\n"
            + (0..<120).map { "  - path: /etc/acsh/\($0)\n    content: secret-\($0)\n" }.joined()
        try dir.write("cloud-init.yaml", yaml)
        let trace = TraceLines()
        try await withSandbox(client: { $0.trace = { trace.add($0) } }) { sim, client in
            let r = await run(
                """
                vm = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" name:ud-1 userdata:(base64(read("cloud-init.yaml")))
                print vm.name, vm.state
                ud = getVirtualMachineUserData virtualmachineid=$vm.id
                print tojson(ud)
                """, file: dir.path + "/deploy.cs", api: client)
            #expect(r.code == 0, "\(r.err)")
            // The server holds exactly the file's base64 (it reads it back on request; the trace never shows it).
            let lines = r.out.split(separator: "\n").map(String.init)
            #expect(lines.first == "ud-1 Running")
            #expect(lines.count == 2 && lines[1].contains("\"\(Data(yaml.utf8).base64EncodedString())\""), "\(r.out)")
            let deploy = trace.lines.filter { $0.contains("command=deployVirtualMachine") }
            #expect(deploy.count == 1 && deploy[0].hasPrefix("> POST "), "\(deploy)")
            #expect(deploy.first?.contains("userdata=\(SecretPolicy.marker)") == true)
            #expect(!trace.lines.joined().contains("secret-1"))
            #expect(!trace.lines.joined().contains(Data(yaml.utf8).base64EncodedString().prefix(40)))
            #expect(sim.requestCount(command: "deployVirtualMachine") == 1)
        }
    }

    @Test func aMissingFileStopsBeforeAnythingIsSent() async throws {
        let dir = try TemporaryDirectory()
        try await withSandbox { sim, client in
            let r = await run(
                """
                vm = deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance" userdata:(base64(read("nope.yaml")))
                """, file: dir.path + "/deploy.cs", api: client)
            #expect(r.code == 2)
            #expect(
                r.err
                    == "\(dir.path)/deploy.cs:1:99: read(): cannot read nope.yaml (\(dir.path)/nope.yaml): no such file\n"
            )
            #expect(sim.requestCount(command: "deployVirtualMachine") == 0)
        }
    }
}
