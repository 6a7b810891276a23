#if canImport(Glibc)
import Glibc
#endif

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
