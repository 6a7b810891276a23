#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-profile cache of a synced catalog. The file holds the compact form
/// (descriptions included), so loading it costs the same as the bundled one
/// instead of decoding megabytes of JSON at every start.
extension Catalog {
    /// The catalog cached at `path`, nil when there is none; throws when the file is damaged.
    public static func load(cachedAt path: String) throws -> Catalog? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw CatalogError(source: path, problem: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CatalogError(source: path, problem: "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return try Catalog(compact: bytes, source: path)
    }

    /// The catalog to run with: the one synced to `path` when there is one, else
    /// the bundled one. A damaged cache falls back to the bundled catalog with a
    /// one-line warning to print (it says to run `acsh sync` again).
    public static func cachedOrBundled(at path: String) -> (catalog: Catalog, warning: String?) {
        do {
            return (try load(cachedAt: path) ?? .bundled, nil)
        } catch {
            return (.bundled, "warning: \(error); using the bundled catalog")
        }
    }

    /// Decodes `json` (listApis output) and stores it at `path`: parent folders
    /// made as needed (0700), the file written to a temporary name with mode 0600
    /// and renamed into place, so readers never see half a file. Returns the catalog.
    @discardableResult
    public static func writeCache(json: [UInt8], to path: String) throws -> Catalog {
        let catalog = try Catalog(listApisJSON: json, source: "listApis answer")
        try writeAtomically(catalog.compactText, to: path)
        return try Catalog(compact: catalog.compactText, source: path)
    }

    /// Stores this catalog at `path` the same way (0600, atomically): `sync` keeps the
    /// catalog an upgrade replaced, so its changes can be listed later.
    public func writeCache(to path: String) throws {
        try Catalog.writeAtomically(compactText, to: path)
    }

    /// Replaces `path` with `bytes` atomically, the file mode 0600 and new folders 0700
    /// (also the tour's progress file). Throws a CatalogError whose `problem` says what failed.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        func fail(_ what: String) -> CatalogError {
            CatalogError(source: path, problem: "\(what): \(String(cString: strerror(errno)))")
        }
        try makeDirectories(parentOf: path)
        let temp = path + ".tmp\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw fail("cannot create \(temp)") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let err = fail("cannot write")
                close(fd); unlink(temp)
                throw err
            }
            offset += n
        }
        // An existing temp file keeps its old mode through O_CREAT: set it explicitly.
        fchmod(fd, 0o600)
        guard fsync(fd) == 0, close(fd) == 0 else { let err = fail("cannot write"); unlink(temp); throw err }
        guard rename(temp, path) == 0 else { let err = fail("cannot replace"); unlink(temp); throw err }
    }

    private static func makeDirectories(parentOf path: String) throws {
        var dir = ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (i, part) in parts.enumerated() {
            dir += (i == 0 ? "" : "/") + part
            guard !part.isEmpty, part != "." else { continue }
            if mkdir(dir, 0o700) != 0, errno != EEXIST {
                throw CatalogError(source: path, problem: "cannot create folder \(dir): \(String(cString: strerror(errno)))")
            }
        }
    }
}
