#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import PrivateFiles

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
        do {
            try PrivateFile.replace(path, with: bytes)
        } catch {
            throw CatalogError(source: path, problem: error.problem)
        }
    }
}
