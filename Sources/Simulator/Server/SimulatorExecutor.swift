import NIOCore
import NIOPosix

/// Runs the simulator's request handling on its own threads instead of Swift's shared
/// cooperative pool. In a test process other tests may block pool threads (waiting on
/// processes, semaphores); the server they talk to must still answer.
final class SimulatorExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = SimulatorExecutor()

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        group.next().execute { unowned.runSynchronously(on: executor) }
    }
}
