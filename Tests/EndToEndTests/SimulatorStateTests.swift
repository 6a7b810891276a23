import Foundation
import Simulator
import TestSupport
import Testing

/// `acsh simulator --state` and the REPL sandbox's saved cloud, through the real binary.
@Suite(.serialized) struct SimulatorStateTests {
    static let deploy = #"deploy template:"Debian 12" zone:Sandbox-1 serviceoffering:"Small Instance""#

    /// `acsh simulator ARGS` in the background; returns once it prints its URL.
    final class Server {
        let process: Spawned
        let errURL: URL
        private(set) var url = ""

        init(_ acsh: ACSHProcess, _ args: [String]) async throws {
            errURL = acsh.home.appendingPathComponent("simulator-\(UUID().uuidString).err")
            process = try Spawn.start(
                ACSHProcess.binary, ["simulator", "--port", "0"] + args, environment: acsh.environment,
                directory: acsh.home.path, stdout: "/dev/null", stderr: errURL.path)
            let clock = ContinuousClock(), end = clock.now + .seconds(60)
            while clock.now < end, process.exitStatus == nil {
                if let line = stderr.split(separator: "\n").first(where: { $0.contains("listening on ") }) {
                    url = String(line.split(separator: " ").last ?? "")
                    return
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw ServerFailed(stderr: stderr)
        }

        var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

        /// Stops it with `signal` and waits for the exit.
        func stop(_ signal: Int32 = SIGINT) async -> Int32 {
            kill(process.pid, signal)
            return await process.wait()
        }

        /// acsh as a client of this server with the sandbox admin keys.
        func client(_ acsh: ACSHProcess, _ args: [String]) async throws -> ACSHProcess.Result {
            try await acsh.run(
                [
                    "--url", url, "--api-key", SimulatorOptions.sandboxAPIKey,
                    "--secret-key", SimulatorOptions.sandboxSecretKey,
                ] + args)
        }
    }

    struct ServerFailed: Error { let stderr: String }

    @Test func aStateFileKeepsTheCloudAcrossRestartsAndFreshEmptiesIt() async throws {
        let acsh = try ACSHProcess()
        let state = acsh.home.appendingPathComponent("cloud.sqlite").path
        let first = try await Server(acsh, ["--state", state, "--job-delay", "10"])
        #expect(first.stderr.contains("API key:    \(SimulatorOptions.sandboxAPIKey)"), "\(first.stderr)")
        #expect(first.stderr.contains("state:      \(state)"), "\(first.stderr)")
        let made = try await first.client(acsh, ["-c", "vm = \(Self.deploy) name:kept-1\nprint $vm.id"])
        #expect(made.code == 0, "\(made.err)")
        let id = made.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(await first.stop() == 0)
        var st = stat()
        #expect(stat(state, &st) == 0 && st.st_mode & 0o777 == 0o600)

        let second = try await Server(acsh, ["--state", state])
        let listed = try await second.client(acsh, ["-o", "json", "list", "vms"])
        #expect(
            listed.out.contains(id) && listed.out.contains("kept-1") && listed.out.contains("Running"),
            "\(listed.out) \(listed.err)")
        #expect(await second.stop() == 0)

        let third = try await Server(acsh, ["--state", state, "--fresh"])
        let empty = try await third.client(acsh, ["-c", "print (list vms | count)"])
        #expect(empty.out.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(empty.out) \(empty.err)")
        #expect(await third.stop() == 0)
    }

    @Test func aJobCutShortByACrashIsFailedAndItsVMSettled() async throws {
        let acsh = try ACSHProcess()
        let state = acsh.home.appendingPathComponent("crash.sqlite").path
        let first = try await Server(acsh, ["--state", state, "--job-delay", "600000"])
        let started = try await first.client(acsh, ["-c", "job = \(Self.deploy) name:cut-1 &\nprint $job.jobid"])
        #expect(started.code == 0, "\(started.err)")
        _ = await first.stop(SIGKILL)

        let second = try await Server(acsh, ["--state", state])
        let vms = try await second.client(acsh, ["-o", "json", "list", "vms", "name:cut-1"])
        #expect(vms.out.contains("\"Stopped\""), "\(vms.out) \(vms.err)")
        let jobs = try await second.client(acsh, ["-o", "json", "listAsyncJobs"])
        #expect(jobs.out.contains("the simulator stopped before the job finished"), "\(jobs.out) \(jobs.err)")
        #expect(await second.stop() == 0)
    }

    @Test func memoryKeepsNothingAndTheSandboxKeepsItsCloud() async throws {
        let acsh = try ACSHProcess()
        let server = try await Server(acsh, [])
        #expect(server.stderr.contains("state:      memory"), "\(server.stderr)")
        #expect(await server.stop() == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: acsh.home.path)
        #expect(!files.contains { $0.hasSuffix(".sqlite") }, "\(files)")

        // The REPL's sandbox: a file under XDG_DATA_HOME (here $HOME/.local/share), kept between runs.
        let made = try await acsh.run(["--sandbox", "-c", "vm = \(Self.deploy) name:yesterday\nprint $vm.name"])
        #expect(made.code == 0, "\(made.err)")
        let today = try await acsh.run(["--sandbox", "-c", "print (list vms name:yesterday | count)"])
        #expect(today.out.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(today.out) \(today.err)")
        let file = acsh.home.path + "/.local/share/acsh/sandbox.sqlite"
        var st = stat()
        #expect(stat(file, &st) == 0 && st.st_mode & 0o777 == 0o600)
        let fresh = try await acsh.run(["--sandbox", "--fresh", "-c", "print (list vms | count)"])
        #expect(fresh.out.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(fresh.out) \(fresh.err)")
        // --fresh concerns the sandbox only: with a real cloud it is a usage error, not silently ignored.
        let cloud = try await acsh.run([
            "--url", "http://127.0.0.1:9/client/api", "--api-key", "k", "--secret-key", "s",
            "--fresh", "list", "zones",
        ])
        #expect(cloud.code == 2 && cloud.err.contains("--fresh starts the sandbox's saved cloud over"), "\(cloud.err)")
    }

    @Test func badSimulatorOptionsAreUsageErrors() async throws {
        let acsh = try ACSHProcess()
        for (args, text) in [
            (["--host", "0.0.0.0", "--port", "0"], "loopback only"),
            (["--state", "x.sqlite", "--memory"], "not both"),
            (["--fresh"], "--state FILE"),
            (["--admin-api-key", "k"], "together"),
        ] {
            let r = try await acsh.run(["simulator"] + args)
            #expect(r.code != 0 && r.err.contains(text), "\(args): \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        }
    }
}
