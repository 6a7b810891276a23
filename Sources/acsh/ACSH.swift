import ArgumentParser
import Contracts
#if canImport(Glibc)
import Glibc
#endif

/// The command line. The executable only parses, wires modules together and
/// maps outcomes to exit codes; everything else lives in the libraries.
struct ACSH: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acsh",
        abstract: "A shell and scripting language for the Apache CloudStack API.",
        discussion: """
            acsh                      start the shell (on the sandbox when no profile is set)
            acsh FILE.cs [ARGS...]    run a script (a path with '/', or ending in .cs or .acsh), checked
                                      first like acsh check (--no-check skips that)
            acsh check FILE...        find mistakes in scripts without running them
            acsh -c 'TEXT'            run acsh language text (pipelines, variables, several statements)
            acsh [OPTIONS] WORDS...   run one command, each word one argument sent as typed,
                                      e.g. acsh -o json list zones 'keyword=a&b'

            Options for all of these: -p/--profile NAME, --sandbox [--fresh], --url URL, --api-key KEY,
            --secret-key SECRET, -o/--output json|table|csv|text, --timeout SECONDS, --trace,
            --no-color, --insecure; and --dry-run for scripts and -c (see acsh run --help).

            Exit codes: 0 ok, 1 API error, 2 usage or parse error, 3 transport error,
            4 async job failed, 124 deadline passed, 130 interrupted.
            """,
        subcommands: [RunCommand.self, CheckCommand.self, SimulatorCommand.self, ProfileCommand.self, SyncCommand.self,
                      CompletionsCommand.self, DebugCommand.self],
        defaultSubcommand: RunCommand.self)
}

@main
enum Main {
    /// A synchronous main: the work runs on the global executor and ends the
    /// process with `exit`, while the main thread only waits. An `async` main
    /// would park the main thread with dispatch_main(), whose pthread_exit
    /// unwinds the stack, and in a static binary the first unwind sorts every
    /// frame record of the executable (tens of milliseconds).
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        Task.detached {
            let code = await run(args)
            exit(code)
        }
        while true { pause() }
    }

    /// Parses and runs; usage errors exit 2 (not ArgumentParser's 64) with one line on stderr.
    static func run(_ args: [String]) async -> Int32 {
        if let quick = FastPath.parse(args) { return await quick.run() }
        do {
            var command = try ACSH.parseAsRoot(args)
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            return Contracts.ExitCode.ok.rawValue
        } catch let exit as ArgumentParser.ExitCode {
            return exit.rawValue
        } catch let failure as CommandFailure {
            Terminal.stderr(failure.message)
            return failure.code.rawValue
        } catch {
            let code = ACSH.exitCode(for: error)
            if code == .success {
                print(ACSH.fullMessage(for: error))
                return Contracts.ExitCode.ok.rawValue
            }
            let message = ACSH.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            Terminal.stderr("acsh: \(message) (see acsh --help)")
            return Contracts.ExitCode.usage.rawValue
        }
    }
}

/// An error the executable reports as one line with a chosen exit code.
struct CommandFailure: Error {
    let message: String
    let code: Contracts.ExitCode
    init(_ message: String, code: Contracts.ExitCode = .usage) {
        self.message = message
        self.code = code
    }
}
