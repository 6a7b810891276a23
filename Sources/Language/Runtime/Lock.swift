#if canImport(Glibc)
    import Glibc
#endif

/// A mutex with `lock`/`unlock` as well as `withLock` (Scope hands a lock from one frame to the next, which
/// Synchronization's Mutex cannot). Not NSLock: Foundation's NSLock links all of Foundation and its ICU data
/// (README "Performance").
final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
