#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import PrivateFiles

/// Files that hold secrets: written whole or not at all, readable by the owner only.
enum SecureFile {
    /// Writes `text` to `path` atomically, mode 0600, missing folders 0700 (`PrivateFile`).
    static func write(_ text: String, to path: String) throws {
        do {
            try PrivateFile.replace(path, with: Array(text.utf8))
        } catch {
            throw ProfileError("cannot save \(path): \(error.problem)")
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
        return
            "warning: \(path) holds secrets but others may read it (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"
    }
}

// At file scope `read` is the system call, not SecureFile's method.
private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int { read(fd, p, n) }

/// A configuration problem, said in one line.
public struct ProfileError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
