import APICatalog
import ArgumentParser
import Language
import Profiles
import REPL
import Values
#if canImport(Glibc)
    import Glibc
    import OrderedCollections
#endif

/// `acsh debug complete-timing`: completion latency as scripts/bench reports it,
/// measured in-process against the sandbox (catalog-only lines, and id values
/// from a warm cache). Hidden: a tool for the benchmark, not for users.
struct DebugCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug", shouldDisplay: false, subcommands: [CompleteTiming.self])

    struct CompleteTiming: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "complete-timing")

        @Option(help: "Completions per line.") var repeats = 2000

        func run() async throws {
            let settings = Settings(sandbox: true, keepSandbox: false)
            let env = ProcessEnvironment.all
            let paths = try Paths.current()
            let connection = try await Connection.open(settings, paths: paths, environment: env, fallback: .sandbox)
            let host = CLIHost(connection: connection, settings: settings, paths: paths, environment: env)
            let session = Session(host: host)
            let context = SessionCompletionContext(host: host, session: session)
            let completer = Completer()
            let catalogLines = [
                "list zo", "deploy virtualmachine zone", "deployVirt", "list vms | wh", "list vms | where st",
            ]
            let valueLines = ["deploy vm zoneid=", "list templates zoneid="]
            for line in valueLines { _ = completer.complete(line, context: context) }  // warm the cache
            var result: Record = [:]
            for (name, lines) in [("catalog_only_us", catalogLines), ("cached_values_us", valueLines)] {
                var samples: [Double] = []
                for line in lines {
                    for _ in 0..<repeats {
                        let t0 = ContinuousClock.now
                        _ = completer.complete(line, context: context)
                        let d = ContinuousClock.now - t0
                        samples.append(Double(d.components.attoseconds) / 1e12 + Double(d.components.seconds) * 1e6)
                    }
                }
                samples.sort()
                result[name] = [
                    "median": .double(samples[samples.count / 2]),
                    "p99": .double(samples[samples.count * 99 / 100]),
                    "max": .double(samples.last ?? 0),
                ]
            }
            print(JSONWriter.compact(.record(result)))
            await connection.close()
        }
    }
}
