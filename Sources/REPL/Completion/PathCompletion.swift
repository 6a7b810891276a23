#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File names for `source FILE` and script arguments. Directories get a `/`
/// and no space, so Tab can go on into them.
enum PathCompletion {
    /// Returns how many characters of `typed` stay (the directory part) and the candidates.
    static func candidates(
        _ typed: String, directory cwd: String, home: String? = getenv("HOME").map { String(cString: $0) }
    ) -> (Int, [Candidate]) {
        let slash = typed.lastIndex(of: "/")
        let dirPart = slash.map { String(typed[...$0]) } ?? ""
        let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var dir = dirPart.isEmpty ? cwd : dirPart
        if dir.hasPrefix("~/"), let home {
            dir = home + dir.dropFirst()
        } else if !dir.hasPrefix("/") {
            dir = cwd + "/" + dir
        }
        guard let handle = opendir(dir) else { return (0, []) }
        defer { closedir(handle) }
        var entries: [(String, Bool)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            if name.hasPrefix(".") && !namePrefix.hasPrefix(".") { continue }
            guard name.hasPrefix(namePrefix) else { continue }
            var st = stat()
            let isDir = stat(dir + "/" + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            entries.append((name, isDir))
        }
        let candidates = entries.sorted { $0.0 < $1.0 }.map { name, isDir in
            Candidate(
                insert: dirPart + name + (isDir ? "/" : ""), display: name + (isDir ? "/" : ""), appendsSpace: !isDir)
        }
        return (0, candidates)
    }
}
