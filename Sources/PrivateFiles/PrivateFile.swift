#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way acsh writes a file that may hold secrets or a user's work (config,
/// synced catalogs, history, tour progress, saved scripts): mode 0600 in folders
/// made 0700, never through a planted symlink (O_NOFOLLOW), temporary files with
/// random names created exclusively (O_EXCL), every result checked, and a
/// replacement renamed into place whole or not at all.
public enum PrivateFile {
    /// Replaces `path` with `bytes` atomically (a crash leaves the old file or the new one).
    public static func replace(_ path: String, with bytes: [UInt8]) throws(PrivateFileError) {
        try makeDirectories(parentOf: path)
        let (fd, temp) = try createTemporary(beside: path)
        do throws(PrivateFileError) {
            try writeAll(fd, bytes, path: temp)
            guard fsync(fd) == 0 else { throw failure(temp, "cannot write") }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        guard close(fd) == 0 else { let e = failure(temp, "cannot write"); unlink(temp); throw e }
        guard rename(temp, path) == 0 else { let e = failure(path, "cannot replace"); unlink(temp); throw e }
    }

    /// Writes a file of its own: a new one, or with `overwrite` an existing regular file
    /// (its mode tightened to 0600). A symlink at `path` is refused, not followed.
    public static func write(_ path: String, _ bytes: [UInt8], overwrite: Bool) throws(PrivateFileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (overwrite ? O_TRUNC : O_EXCL), 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw existsError(path) }
            throw failure(path, "cannot create")
        }
        do throws(PrivateFileError) {
            try tighten(fd, path)
            try writeAll(fd, bytes, path: path)
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw failure(path, "cannot write") }
    }

    /// Opens `path` for appending (created 0600, folders 0700; a symlink refused), a
    /// looser mode left by an old umask tightened. The caller closes the descriptor.
    public static func openForAppend(_ path: String) throws(PrivateFileError) -> Int32 {
        try makeDirectories(parentOf: path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw failure(path, "cannot open") }
        do { try tighten(fd, path) } catch { close(fd); throw error }
        return fd
    }

    /// Runs `body` holding an exclusive lock on `path.lock` (flock), so two processes
    /// rewriting the same file take turns instead of losing each other's lines.
    public static func withLock<T>(on path: String, _ body: () throws -> T) throws -> T {
        try makeDirectories(parentOf: path)
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw failure(lockPath, "cannot open") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure(lockPath, "cannot lock") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Makes the missing folders above `path`, each 0700.
    public static func makeDirectories(parentOf path: String) throws(PrivateFileError) {
        var dir = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/").dropLast() where part != "." {
            dir += "/" + part
            if mkdir(dir, 0o700) != 0 && errno != EEXIST { throw failure(dir, "cannot create the folder") }
        }
    }

    /// A new file beside `path` named `.NAME.RANDOM.tmp`: no name another user could guess
    /// and plant first, and O_EXCL|O_NOFOLLOW so a planted one is never opened.
    static func createTemporary(beside path: String) throws(PrivateFileError) -> (Int32, String) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        for _ in 0..<8 {
            let temp = dir + "." + name + "." + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".tmp"
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                do { try tighten(fd, temp) } catch { close(fd); unlink(temp); throw error }
                return (fd, temp)
            }
            guard errno == EEXIST else { throw failure(temp, "cannot create") }
        }
        throw failure(dir + "." + name + ".*.tmp", "cannot create")
    }

    /// Mode 0600 whatever the umask or the file's past; the result is checked.
    private static func tighten(_ fd: Int32, _ path: String) throws(PrivateFileError) {
        guard fchmod(fd, 0o600) == 0 else { throw failure(path, "cannot make private (chmod 600)") }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(PrivateFileError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot write")
            }
            offset += n
        }
    }

    static func failure(_ path: String, _ what: String) -> PrivateFileError {
        PrivateFileError(path: path, problem: "\(what): \(String(cString: strerror(errno)))")
    }
}

// At file scope `write` is the system call, not PrivateFile's method.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

/// What went wrong with which file, in words (`cannot create: Permission denied`).
public struct PrivateFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let problem: String
    /// `write` without overwrite found the file there.
    public var exists = false

    public var description: String { "\(path): \(problem)" }
}
