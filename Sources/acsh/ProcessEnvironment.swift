#if canImport(Glibc)
    import Glibc
#endif
import Profiles

/// The process environment as a dictionary, read once (Profiles and Paths take it explicitly so tests can pass their own).
enum ProcessEnvironment {
    static let all: [String: String] = {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") {
                env[String(s[..<eq])] = String(s[s.index(after: eq)...])
            }
            p += 1
        }
        return env
    }()
}

extension Paths {
    /// This process's paths; no usable home folder is a one-line error (exit 2).
    static func current() throws(CommandFailure) -> Paths {
        do {
            return try Paths(environment: ProcessEnvironment.all)
        } catch {
            throw CommandFailure("acsh: \(error)")
        }
    }
}
