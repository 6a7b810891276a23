import Contracts
import Dispatch
import Language
#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT (Ctrl-C) for scripts, -c and one-shot commands: the running session
/// is cancelled (it names the jobs still running on the server and ends with
/// 130); if it has not ended two seconds later, the process exits anyway.
final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal

    init(session: Session) {
        signal(SIGINT, SIG_IGN)  // delivered to the dispatch source instead
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [session] in
            session.interrupt()
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                Terminal.stderr("acsh: interrupted")
                exit(ExitCode.interrupted.rawValue)
            }
        }
        source.resume()
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
