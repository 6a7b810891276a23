#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written piece by piece (a report of 100,000 records is never held whole)
/// into a private temporary file beside `path`, which becomes `path` only at
/// `commit()`: readers see the old file or the whole new one, and a run that fails
/// half-way (`discard()`) leaves nothing behind.
public final class StreamedFile {
    public let path: String
    private let overwrite: Bool
    private var fd: Int32
    private let temp: String
    private var pending: [UInt8] = []

    /// Starts the file. Without `overwrite` an existing `path` is refused here, before
    /// any work, and again at `commit` (so one created meanwhile is not replaced either).
    public init(_ path: String, overwrite: Bool) throws(PrivateFileError) {
        if !overwrite { try Self.refuseExisting(path) }
        try PrivateFile.makeDirectories(parentOf: path)
        (fd, temp) = try PrivateFile.createTemporary(beside: path)
        self.path = path
        self.overwrite = overwrite
    }

    deinit { if fd >= 0 { discard() } }

    /// Adds text; written to disk in pieces of about 64 KB.
    public func write(_ text: String) throws(PrivateFileError) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 65536 { try flush() }
    }

    /// Makes the file `path`: flushed, synced, then renamed into place (or, without
    /// `overwrite`, linked there only if the name is still free).
    public func commit() throws(PrivateFileError) {
        do throws(PrivateFileError) {
            try flush()
            guard fsync(fd) == 0 else { throw PrivateFile.failure(temp, "cannot write") }
        } catch {
            discard()
            throw error
        }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else { let e = PrivateFile.failure(temp, "cannot write"); unlink(temp); throw e }
        if overwrite {
            guard rename(temp, path) == 0 else {
                let e = PrivateFile.failure(path, "cannot replace"); unlink(temp); throw e
            }
            return
        }
        // link() fails with EEXIST instead of replacing: the check and the creation are one step.
        if link(temp, path) == 0 { unlink(temp); return }
        let linkError = errno
        var st = stat()
        // A file system without hard links: checked, then renamed (a short race, not a silent overwrite).
        if linkError == EPERM || linkError == ENOTSUP || linkError == EOPNOTSUPP, lstat(path, &st) != 0,
            rename(temp, path) == 0
        {
            return
        }
        let exists = linkError == EEXIST || lstat(path, &st) == 0
        errno = linkError
        let e = exists ? PrivateFile.existsError(path) : PrivateFile.failure(path, "cannot create")
        unlink(temp)
        throw e
    }

    /// Drops the temporary file; `path` is left as it was.
    public func discard() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temp)
    }

    private func flush() throws(PrivateFileError) {
        guard !pending.isEmpty else { return }
        try PrivateFile.writeAll(fd, pending, path: temp)
        pending.removeAll(keepingCapacity: true)
    }

    private static func refuseExisting(_ path: String) throws(PrivateFileError) {
        var st = stat()
        if lstat(path, &st) == 0 { throw PrivateFile.existsError(path) }
    }
}

extension PrivateFile {
    static func existsError(_ path: String) -> PrivateFileError {
        PrivateFileError(path: path, problem: "the file exists", exists: true)
    }
}
