import CloudClient
import Contracts

/// One line and an exit code for any error reaching the executable.
enum ErrorText {
    static func line(_ error: Error) -> String {
        (error as? CloudStackError)?.message ?? "\(error)"
    }

    static func exitCode(_ error: Error) -> ExitCode {
        (error as? CloudStackError)?.exitCode ?? .transport
    }
}
