import Foundation
import Simulator
import TestSupport

/// Runs the real acsh binary (built by `swift build --build-tests`) with a
/// private HOME and XDG directories, so tests never touch the user's files.
struct ACSHProcess {
    struct Result {
        let out: String
        let err: String
        let code: Int32
    }

    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The debug build, or the binary named by ACSH_BINARY (CI points it at the static release build).
    static var binary: String {
        ProcessInfo.processInfo.environment["ACSH_BINARY"].map { URL(fileURLWithPath: $0, relativeTo: root).path }
            ?? root.appendingPathComponent(".build/debug/acsh").path
    }

    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("acsh-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    var environment: [String: String] {
        [
            "HOME": home.path, "XDG_CONFIG_HOME": home.path + "/config", "XDG_CACHE_HOME": home.path + "/cache",
            "XDG_STATE_HOME": home.path + "/state", "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
        ]
    }

    /// Environment pointing acsh at a simulator with the sandbox keys.
    func cloud(_ sim: Simulator) -> [String: String] {
        environment.merging([
            "CLOUDSTACK_ENDPOINT": sim.baseURL, "CLOUDSTACK_KEY": SimulatorOptions.sandboxAPIKey,
            "CLOUDSTACK_SECRET": SimulatorOptions.sandboxSecretKey,
        ]) { $1 }
    }

    /// Output goes to files, not pipes, so a large output can never block the child;
    /// the wait is a continuation, not waitUntilExit, so it never blocks the
    /// concurrency pool that in-process simulators answer on.
    @discardableResult
    func run(_ args: [String], env: [String: String]? = nil, stdin: String? = nil) async throws -> Result {
        let id = UUID().uuidString
        let outURL = home.appendingPathComponent("out-\(id)"), errURL = home.appendingPathComponent("err-\(id)")
        let code = try await Spawn.run(
            Self.binary, args, environment: env ?? environment, directory: home.path, stdout: outURL.path,
            stderr: errURL.path, stdin: stdin)
        return Result(
            out: try String(contentsOf: outURL, encoding: .utf8),
            err: try String(contentsOf: errURL, encoding: .utf8), code: code)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = home.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
