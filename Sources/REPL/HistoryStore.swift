#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    @discardableResult
    public func append(_ lines: [String]) -> Bool {
        guard ensureDirectory() else { return false }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        // An older file made with a looser umask is tightened, not trusted.
        var st = stat()
        if fstat(fd, &st) == 0, st.st_mode & 0o077 != 0 { fchmod(fd, 0o600) }
        var text = ""
        for line in lines where !line.isEmpty { text += line + "\n" }
        let ok = text.utf8.withContiguousStorageIfAvailable { buf in
            write(fd, buf.baseAddress, buf.count) == buf.count
        } ?? false
        if ok { compactIfNeeded(fd: fd, size: Int(st.st_size) + text.utf8.count) }
        return ok
    }

    /// Rewrites the file with its last `limit` entries once it holds about twice that.
    private func compactIfNeeded(fd: Int32, size: Int) {
        guard size > limit * 160 else { return }
        let entries = load()
        let tmp = path + ".tmp"
        let out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard out >= 0 else { return }
        let text = entries.map { $0 + "\n" }.joined()
        let ok = text.utf8.withContiguousStorageIfAvailable { write(out, $0.baseAddress, $0.count) == $0.count } ?? false
        close(out)
        if ok { rename(tmp, path) } else { unlink(tmp) }
    }

    private func ensureDirectory() -> Bool {
        var dir = path
        guard let slash = dir.lastIndex(of: "/") else { return true }
        dir = String(dir[..<slash])
        return makeDirectories(dir)
    }

    private func makeDirectories(_ dir: String) -> Bool {
        if dir.isEmpty { return true }
        var st = stat()
        if stat(dir, &st) == 0 { return true }
        if let slash = dir.lastIndex(of: "/"), slash != dir.startIndex {
            guard makeDirectories(String(dir[..<slash])) else { return false }
        }
        return mkdir(dir, 0o700) == 0 || errno == EEXIST
    }
}
