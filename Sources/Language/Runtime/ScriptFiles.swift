import FoundationEssentials
import Values
#if canImport(Glibc)
    import Glibc
#endif

/// Files a script reads and writes (`read`, `readcsv`, `save`, `exists`): where a
/// relative path points, and reading one with errors that say which file and why.
enum ScriptFiles {
    /// A relative path starts at the folder of the script the call is written in
    /// (so a script and its data travel together), or at the working directory for
    /// `-c`, the prompt and the command line. `~/` is the home folder.
    static func resolve(_ path: String, from location: SourceLocation) -> String {
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return home + path.dropFirst()
        }
        guard !path.hasPrefix("/"), let dir = Builtins.scriptFolder(location.file), dir != "." else { return path }
        return dir + "/" + path
    }

    /// How a message names the file: as written, and where it was looked for when that differs.
    static func describe(_ given: String, _ resolved: String) -> String {
        given == resolved ? given : "\(given) (\(resolved))"
    }

    /// The bytes of a file, or a one-line error at the call: missing, a folder, not allowed.
    static func bytes(_ given: String, at location: SourceLocation, for function: String) throws -> [UInt8] {
        let path = resolve(given, from: location)
        func fail(_ why: String) -> ScriptError {
            ScriptError("\(function)(): cannot read \(describe(given, path)): \(why)", at: location)
        }
        guard !given.isEmpty else {
            throw ScriptError("\(function)() needs a file name, got an empty text", at: location)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail(reason(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail(reason(errno)) }
        guard (st.st_mode & S_IFMT) != S_IFDIR else { throw fail("it is a folder, not a file") }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail(reason(errno))
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    /// The file as text; invalid UTF-8 is an error naming its line.
    static func text(_ given: String, at location: SourceLocation, for function: String) throws -> String {
        let data = try bytes(given, at: location, for: function)
        if let s = String(validating: data, as: UTF8.self) { return s }
        let path = resolve(given, from: location)
        let line = firstInvalidLine(data)
        throw ScriptError("\(function)(): \(path):\(line): the file is not UTF-8 text", at: location)
    }

    /// Whether a file or folder is there (a broken symlink counts as absent).
    static func exists(_ given: String, at location: SourceLocation) -> Bool {
        var st = stat()
        return !given.isEmpty && stat(resolve(given, from: location), &st) == 0
    }

    /// The 1-based line and column of a byte offset, for errors in a data file.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, start = 0
        for (i, b) in bytes.prefix(min(offset, bytes.count)).enumerated() where b == 0x0A {
            line += 1
            start = i + 1
        }
        return (line, offset - start + 1)
    }

    private static func firstInvalidLine(_ data: [UInt8]) -> Int {
        var line = 1, start = 0
        for (i, b) in data.enumerated() where b == 0x0A {
            if String(validating: data[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case ENOTDIR: "a folder on the way is a file"
        default: String(cString: strerror(code))
        }
    }
}
