import ArgumentParser
import Profiles

/// `acsh sync`: fetch the active profile's API catalog (listApis) and cache it,
/// so completion and help match that cloud, descriptions included.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Fetch and cache the active profile's API catalog.")

    @OptionGroup var global: GlobalOptions

    @Flag(
        name: [.customShort("v"), .long], help: "List every API and parameter added or removed, not just the counts.")
    var verbose = false

    func run() async throws {
        let env = ProcessEnvironment.all
        let paths = try Paths.current()
        let connection = try await Connection.open(global.settings, paths: paths, environment: env, fallback: .fail)
        let host = CLIHost(connection: connection, settings: global.settings, paths: paths, environment: env)
        do {
            print(try await host.sync(verbose: verbose))
            await host.connection.close()
        } catch {
            await host.connection.close()
            throw CommandFailure("acsh sync: \(ErrorText.line(error))", code: ErrorText.exitCode(error))
        }
    }
}
