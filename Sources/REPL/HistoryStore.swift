#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import PrivateFiles

/// The history file: one entry per line, created 0600 in a 0700 directory,
/// appended to after each accepted statement so a crash loses nothing and two
/// shells interleave instead of overwriting each other.
public struct HistoryStore: Sendable {
    public let path: String
    /// Entries kept when the file is compacted.
    public let limit: Int

    public init(path: String, limit: Int = 2000) {
        self.path = path
        self.limit = limit
    }

    /// `$XDG_STATE_HOME/acsh/history`, else `~/.local/state/acsh/history`.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/acsh/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/acsh/history"
    }

    /// Entries oldest first; an unreadable or missing file is an empty history.
    public func load() -> [String] {
        guard let f = fopen(path, "r") else { return [] }
        defer { fclose(f) }
        var entries: [String] = []
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, f) > 0, let line {
            var s = String(cString: line)
            if s.hasSuffix("\n") { s.removeLast() }
            if !s.isEmpty { entries.append(s) }
        }
        return entries.count > limit ? Array(entries.suffix(limit)) : entries
    }

    /// Appends the lines of one statement. The caller has asked `HistoryFilter` first.
    /// Appends and compactions of every shell take turns under one lock, so two shells
    /// never lose each other's lines; the file is opened as `PrivateFile` opens them.
    @discardableResult
    public func append(_ lines: [String]) -> Bool {
        var text = ""
        for line in lines where !line.isEmpty { text += line + "\n" }
        return
            (try? PrivateFile.withLock(on: path) { () -> Bool in
                let fd = try PrivateFile.openForAppend(path)
                defer { close(fd) }
                var st = stat()
                let ok =
                    text.utf8.withContiguousStorageIfAvailable { buf in
                        write(fd, buf.baseAddress, buf.count) == buf.count
                    } ?? false
                if ok, fstat(fd, &st) == 0 { compactIfNeeded(size: Int(st.st_size)) }
                return ok
            }) ?? false
    }

    /// Rewrites the file with its last `limit` entries once it holds about twice that.
    /// Called with the lock held.
    private func compactIfNeeded(size: Int) {
        guard size > limit * 160 else { return }
        let text = load().map { $0 + "\n" }.joined()
        try? PrivateFile.replace(path, with: Array(text.utf8))
    }
}
