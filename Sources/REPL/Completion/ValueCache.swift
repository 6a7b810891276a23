import Dispatch
import Synchronization
import Values

/// Records fetched for value completion, per profile and list API, fresh for
/// `ttl`. A fetch that outlives the Tab that started it still fills the cache
/// for the next Tab; a second Tab never starts a second fetch of the same list.
public final class ValueCache: Sendable {
    public let ttl: Duration

    private struct Entry {
        var fetched: ContinuousClock.Instant
        var records: [Value]
    }
    private struct State {
        var entries: [String: Entry] = [:]
        var waiters: [String: [DispatchSemaphore]] = [:]
    }
    private let state = Mutex(State())

    public init(ttl: Duration = .seconds(30)) {
        self.ttl = ttl
    }

    /// The records of `listAPI` for `profile`: from the cache when fresh, else
    /// fetched, waiting at most `limit`; on timeout or error whatever the cache
    /// holds (possibly stale, possibly nothing).
    public func records(
        profile: String, listAPI: String, source: any ValueSource,
        limit: Duration
    ) -> [Value] {
        let key = profile + "\u{0}" + listAPI
        let now = ContinuousClock.now
        let semaphore = DispatchSemaphore(value: 0)
        let (fresh, startFetch): ([Value]?, Bool) = state.withLock { s in
            if let e = s.entries[key], now - e.fetched < ttl { return (e.records, false) }
            let inFlight = s.waiters[key] != nil
            s.waiters[key, default: []].append(semaphore)
            return (nil, !inFlight)
        }
        if let fresh { return fresh }
        if startFetch {
            Task.detached { [self] in
                let result = try? await source.records(listAPI: listAPI)
                self.finish(key: key, records: result)
            }
        }
        let millis = Int(limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000)
        _ = semaphore.wait(timeout: .now() + .milliseconds(max(0, millis)))
        return state.withLock { s in
            s.waiters[key]?.removeAll { $0 === semaphore }
            return s.entries[key]?.records ?? []
        }
    }

    private func finish(key: String, records: [Value]?) {
        let waiting: [DispatchSemaphore] = state.withLock { s in
            if let records { s.entries[key] = Entry(fetched: .now, records: records) }
            return s.waiters.removeValue(forKey: key) ?? []
        }
        for w in waiting { w.signal() }
    }

    /// Drops every entry (after `sync` or `use`, or in tests).
    public func clear() {
        state.withLock { $0.entries.removeAll() }
    }
}
