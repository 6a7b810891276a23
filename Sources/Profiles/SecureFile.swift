#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold secrets: written whole or not at all, readable by the owner only.
enum SecureFile {
    /// Writes `text` to `path` through a temporary file (mode 0600) renamed into
    /// place; missing parent folders are made with mode 0700.
    static func write(_ text: String, to path: String) throws {
        func fail(_ what: String) -> ProfileError {
            ProfileError("cannot \(what) \(path): \(String(cString: strerror(errno)))")
        }
        var folder = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/").dropLast() {
            folder += part
            if mkdir(folder, 0o700) != 0 && errno != EEXIST { throw fail("create the folder of") }
            folder += "/"
        }
        let temp = path + ".tmp\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw fail("create") }
        let bytes = Array(text.utf8)
        var done = 0
        var ok = fchmod(fd, 0o600) == 0
        while ok && done < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            ok = n > 0
            done += max(n, 0)
        }
        ok = ok && fsync(fd) == 0
        ok = close(fd) == 0 && ok
        guard ok, rename(temp, path) == 0 else {
            let error = fail("write")
            unlink(temp)
            throw error
        }
    }

    /// The file's text, nil when it does not exist.
    static func read(_ path: String) throws -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw ProfileError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw ProfileError("cannot read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A warning when others than the owner may read `path`, nil otherwise.
    static func exposureWarning(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let mode = Int(st.st_mode) & 0o777
        guard mode & 0o077 != 0 else { return nil }
        return "warning: \(path) holds secrets but others may read it (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"
    }
}

// At file scope `write` and `read` are the system calls, not SecureFile's methods.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int { read(fd, p, n) }

/// A configuration problem, said in one line.
public struct ProfileError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
