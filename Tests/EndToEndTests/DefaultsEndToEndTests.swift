import Foundation
import Testing

/// Parameter defaults through the real binary: the sandbox's own, `set default --save`
/// and `acsh profile set-default` kept in the config file.
@Suite(.serialized) struct DefaultsEndToEndTests {
    /// The design card's example runs as written on the sandbox.
    @Test func sandboxDeploysWithItsDefaultOffering() async throws {
        let acsh = try ACSHProcess()
        let r = try await acsh.run([
            "--sandbox", "-c", "vm = deploy template:3 zone:1; print vm.serviceofferingname, vm.state",
        ])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "Small Instance Running\n")
    }

    @Test func savedDefaultsLastAndAreListed() async throws {
        let acsh = try ACSHProcess()
        let save = try await acsh.run(["--sandbox", "-c", #"set default --save serviceoffering "Medium Instance""#])
        #expect(save.code == 0, "\(save.err)")
        let config = acsh.home.path + "/config/acsh/config.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.contains("[defaults.sandbox]\nserviceoffering = 'Medium Instance'"), "\(text)")
        #expect((try FileManager.default.attributesOfItem(atPath: config)[.posixPermissions] as? Int) == 0o600)

        let set = try await acsh.run(["profile", "set-default", "sandbox", "zone", "Sandbox-2"])
        #expect(set.code == 0 && set.out == "default zone = Sandbox-2 for sandbox\n", "\(set.err)")
        let listed = try await acsh.run(["--sandbox", "-o", "json", "-c", "set default"])
        #expect(listed.out == #"{"serviceoffering":"Medium Instance","zone":"Sandbox-2"}"# + "\n", "\(listed.err)")

        let vm = try await acsh.run([
            "--sandbox", "-c", "vm = deploy template:3; print vm.serviceofferingname, vm.zonename",
        ])
        #expect(vm.code == 0, "\(vm.err)")
        #expect(vm.out == "Medium Instance Sandbox-2\n")

        let removed = try await acsh.run(["profile", "set-default", "sandbox", "zone"])
        #expect(removed.code == 0 && removed.out == "removed default zone for sandbox\n")
        let unknown = try await acsh.run(["profile", "set-default", "nope", "zone", "x"])
        #expect(unknown.code != 0 && unknown.err.contains("no profile 'nope'"), "\(unknown.err)")
    }
}
