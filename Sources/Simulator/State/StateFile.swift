import FoundationEssentials
import Values
#if canImport(Glibc)
    import Glibc
    import OrderedCollections
#endif

/// The durable copy of a simulator's cloud: an SQLite file (SQLite.swift) that
/// mirrors the in-memory store. Memory stays the working set; after every request
/// the rows the journal names are written in one transaction, and on start the
/// file is read back. The file holds API secret keys, so it is created 0600, and
/// one simulator at a time may use it (an exclusive lock held while open).
///
/// Jobs: a clean stop finishes pending jobs first (Store.finishAllJobs), so the file
/// holds no half-done work. After a crash, jobs found pending on load are failed
/// (530, "the simulator stopped before the job finished") and the VMs they were
/// moving are settled in the state the real server's restart leaves them in.
final class StateFile: @unchecked Sendable {
    /// Bumped when the tables below change; an older acsh refuses a newer file.
    static let schemaVersion = 1
    /// PRAGMA application_id marking the file as ours ("acsh"), so `--fresh` never deletes a stranger's file.
    static let applicationID: Int32 = 0x6163_7368

    let path: String
    let journal = Journal()
    /// True when the file had no cloud yet: the caller seeds one.
    let isNew: Bool
    private var db: SQLiteDatabase?
    private var lockFD: Int32

    init(path: String, fresh: Bool) throws(SimulatorError) {
        self.path = path
        try Self.makeDirectory(for: path)
        lockFD = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lockFD >= 0 else { throw Self.failure(path, "cannot open it: \(String(cString: strerror(errno)))") }
        guard Self.lock(lockFD) else {
            Glibc.close(lockFD)
            throw SimulatorError(
                message: "simulator state file \(path) is in use by another simulator; stop that one "
                    + "or choose another --state file", isStateInUse: true)
        }
        _ = fchmod(lockFD, 0o600)  // it holds secret keys, whatever mode it had
        do {
            if fresh {
                let old = try SQLiteDatabase(path: path)
                _ = try Self.check(path, old, anyVersion: true)  // never deletes a file not ours
                old.close()
                for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
                _ = ftruncate(lockFD, 0)
            }
            let db = try SQLiteDatabase(path: path)
            _ = try db.value("PRAGMA journal_mode = WAL")
            try db.execute("PRAGMA synchronous = NORMAL")
            isNew = try Self.check(path, db)
            if isNew { try db.transaction { try Self.createSchema(db) } }
            self.db = db
        } catch let e as SimulatorError {
            Glibc.close(lockFD)
            throw e
        } catch {
            Glibc.close(lockFD)
            throw Self.failure(path, Self.describe(error))
        }
    }

    /// Takes the exclusive lock, waiting up to 2 s: a process forked by this one (to exec another program)
    /// holds a copy of the descriptor, and so the lock, until its exec closes it, so a simulator that just
    /// stopped may still look busy for a moment.
    private static func lock(_ fd: Int32) -> Bool {
        let clock = ContinuousClock(), end = clock.now + .seconds(2)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK, clock.now < end else { return false }
            usleep(10_000)
        }
        return true
    }

    /// true: empty (a new file). Throws when the file is not an acsh state file or is newer than this acsh.
    private static func check(_ path: String, _ db: SQLiteDatabase, anyVersion: Bool = false) throws -> Bool {
        let app = try db.value("PRAGMA application_id").flatMap { Int32($0) } ?? 0
        let version = try db.value("PRAGMA user_version").flatMap { Int($0) } ?? 0
        let tables = try db.value("SELECT count(*) FROM sqlite_master").flatMap { Int($0) } ?? 0
        if app == 0 && tables == 0 { return true }
        guard app == applicationID else {
            throw failure(
                path,
                "it is an SQLite file of another program, not an acsh simulator state; "
                    + "choose another --state file (it was left untouched)")
        }
        guard version == schemaVersion || anyVersion else {
            throw failure(
                path,
                version > schemaVersion
                    ? "it was written by a newer acsh (state schema \(version), this acsh reads \(schemaVersion)); "
                        + "use that acsh, or --fresh to start over"
                    : "its state schema \(version) is older than this acsh reads (\(schemaVersion)); use --fresh to start over"
            )
        }
        return false
    }

    private static func createSchema(_ db: SQLiteDatabase) throws {
        try db.execute(
            """
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE entity(noun TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, fields TEXT NOT NULL,
                                PRIMARY KEY(noun, id));
            CREATE TABLE vm(id TEXT PRIMARY KEY, seq INTEGER NOT NULL, data TEXT NOT NULL);
            CREATE TABLE job(id TEXT PRIMARY KEY, data TEXT NOT NULL);
            CREATE TABLE tag(n INTEGER PRIMARY KEY, data TEXT NOT NULL);
            PRAGMA application_id = \(applicationID);
            PRAGMA user_version = \(schemaVersion);
            """)
    }

    // MARK: writing

    /// Writes what the journal names, in one transaction; the journal is kept on failure (retried next time).
    func flush(_ store: Store) throws(SimulatorError) {
        guard let db, !journal.isEmpty else { return }
        do {
            try db.transaction { try self.write(store, db) }
            journal.clear()
        } catch {
            throw Self.failure(
                path, "cannot save the simulator state: \(Self.describe(error)); changes are kept in memory only")
        }
    }

    private func write(_ store: Store, _ db: SQLiteDatabase) throws {
        let upsertEntity = """
            INSERT INTO entity(noun, id, seq, fields) VALUES (?, ?, ?, ?)
            ON CONFLICT(noun, id) DO UPDATE SET seq = excluded.seq, fields = excluded.fields
            """
        for (noun, ids) in journal.entities {
            let table = store.tables[noun]
            for id in ids {
                if let e = table?.get(id) {
                    try db.execute(
                        upsertEntity,
                        [
                            .text(noun), .text(id), .integer(Int64(e.seq)),
                            .text(JSONWriter.compact(.record(e.fields))),
                        ])
                } else {
                    try db.execute("DELETE FROM entity WHERE noun = ? AND id = ?", [.text(noun), .text(id)])
                }
            }
        }
        let encoder = JSONEncoder()
        func json(_ value: some Encodable) throws -> SQLiteValue {
            .text(String(decoding: try encoder.encode(value), as: UTF8.self))
        }
        for id in journal.vms {
            if let vm = store.vms.stored(id), !vm.expunged {
                try db.execute(
                    "INSERT OR REPLACE INTO vm(id, seq, data) VALUES (?, ?, ?)",
                    [.text(id), .integer(Int64(vm.seq)), try json(vm)])
            } else {
                try db.execute("DELETE FROM vm WHERE id = ?", [.text(id)])
            }
        }
        for id in journal.jobs {
            guard let job = store.jobs[id: id] else { continue }
            try db.execute(
                "INSERT INTO job(id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data",
                [.text(id), try json(SavedJob(job))])
        }
        if journal.tags {
            try db.execute("DELETE FROM tag")
            for (n, tag) in store.tags.enumerated() {
                try db.execute("INSERT INTO tag(n, data) VALUES (?, ?)", [.integer(Int64(n)), try json(tag)])
            }
        }
        var meta: [(String, String)] = [
            ("ids", String(store.ids.state)), ("nextpublicip", String(store.nextPublicIP)),
        ]
        if let origin = store.ids.origin { meta.append(("idorigin", String(origin))) }
        // A sequence only moves on insert, and every insert is journaled: write the ones that may have moved.
        if !journal.vms.isEmpty { meta.append(("seq.virtualmachine", String(store.vms.nextSeq))) }
        for noun in journal.entities.keys { meta.append(("seq." + noun, String(store.table(noun).nextSeq))) }
        if journal.principals {
            meta.append(
                (
                    "principals",
                    String(decoding: try encoder.encode(store.principals.map(SavedPrincipal.init)), as: UTF8.self)
                ))
        }
        for (k, v) in meta {
            try db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [.text(k), .text(v)])
        }
    }

    // MARK: reading

    /// Fills a new store from the file (see the type's comment for jobs left pending by a crash).
    func load(into store: Store, now: Date) throws(SimulatorError) {
        guard let db else { return }
        do {
            try self.read(store, db, now: now)
        } catch let e as SimulatorError {
            throw e
        } catch {
            throw Self.failure(
                path, "cannot read the simulator state: \(Self.describe(error)); use --fresh to start over")
        }
    }

    private func read(_ store: Store, _ db: SQLiteDatabase, now: Date) throws {
        var meta: [String: String] = [:]
        for row in try db.rows("SELECT key, value FROM meta") { if let k = row[0] { meta[k] = row[1] } }
        func number<T: FixedWidthInteger>(_ key: String) -> T? { meta[key].flatMap { T($0) } }
        if let ids: UInt64 = number("ids") { store.ids = IDGenerator(restoring: ids, origin: number("idorigin")) }
        if let ip: UInt32 = number("nextpublicip") { store.nextPublicIP = ip }
        let decoder = JSONDecoder()
        if let text = meta["principals"] {
            store.principals = try decoder.decode([SavedPrincipal].self, from: Data(text.utf8)).map(\.principal)
        }
        var byNoun: [String: [Entity]] = [:]
        for row in try db.rows("SELECT noun, id, seq, fields FROM entity ORDER BY noun, seq") {
            guard let noun = row[0], let id = row[1], let seq = row[2].flatMap({ Int($0) }), let text = row[3],
                case .record(let fields) = try JSONParser.parse(text)
            else { throw Self.corrupt("entity \(row[1] ?? "?")") }
            byNoun[noun, default: []].append(Entity(id: id, fields: fields, seq: seq))
        }
        for noun in Set(byNoun.keys).union(meta.keys.filter { $0.hasPrefix("seq.") }.map { String($0.dropFirst(4)) })
        where noun != "virtualmachine" {
            store.table(noun).restore(byNoun[noun] ?? [], nextSeq: number("seq." + noun) ?? 1)
        }
        func texts(_ sql: String) throws -> [String] { try db.rows(sql).map { $0[0] ?? "" } }
        var vms = try texts("SELECT data FROM vm ORDER BY seq").map { text in
            try decoder.decode(VM.self, from: Data(text.utf8))
        }
        var jobs = try texts("SELECT data FROM job ORDER BY rowid").map { text in
            try decoder.decode(SavedJob.self, from: Data(text.utf8)).job
        }
        // Jobs a crash left pending cannot run (their work was code, not data): fail them and
        // put their VMs where a restarted management server leaves them.
        var cancelled: Set<String> = []
        for i in jobs.indices where jobs[i].status == 0 {
            jobs[i].status = 2
            jobs[i].resultCode = 530
            jobs[i].completed = now
            jobs[i].result = [
                "errorcode": .int(530),
                "errortext": .string("Job cancelled: the simulator stopped before the job finished"),
            ]
            cancelled.insert(jobs[i].id)
        }
        for i in vms.indices {
            guard let job = vms[i].pendingJobID, cancelled.contains(job) else { continue }
            vms[i].pendingJobID = nil
            vms[i].state = Self.settledState(vms[i].state)
            journal.vms.insert(vms[i].id)
        }
        store.vms.restore(vms, nextSeq: number("seq.virtualmachine") ?? 1)
        store.jobs.restore(jobs)
        journal.jobs.formUnion(cancelled)
        store.tags = try texts("SELECT data FROM tag ORDER BY n").map { text in
            try decoder.decode(Tag.self, from: Data(text.utf8))
        }
        for (i, t) in store.tags.enumerated() { store.tagsByResource[t.resourceID, default: []].append(i) }
        journal.tags = false
        journal.principals = false
    }

    /// Where a VM caught in a transition by a crash ends up.
    static func settledState(_ state: String) -> String {
        switch state {
        case "Starting", "Stopping": "Stopped"
        case "Migrating": "Running"
        case "Expunging": "Destroyed"
        default: state
        }
    }

    // MARK: closing

    /// Writes what is left, closes the database and releases the lock. Idempotent.
    func close(_ store: Store) throws(SimulatorError) {
        defer {
            db?.close()
            db = nil
            if lockFD >= 0 { Glibc.close(lockFD); lockFD = -1 }
        }
        try flush(store)
    }

    deinit {
        db?.close()
        if lockFD >= 0 { Glibc.close(lockFD) }
    }

    // MARK: helpers

    private static func makeDirectory(for path: String) throws(SimulatorError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        guard !parts.joined(separator: "/").isEmpty else { return }
        // Each missing folder from the top, 0700 (the file holds secret keys).
        for n in 1...parts.count {
            let dir = parts.prefix(n).joined(separator: "/")
            guard !dir.isEmpty, mkdir(dir, 0o700) != 0, errno != EEXIST else { continue }
            throw failure(path, "cannot create its directory \(dir): \(String(cString: strerror(errno)))")
        }
    }

    static func failure(_ path: String, _ what: String) -> SimulatorError {
        SimulatorError(message: "simulator state file \(path): \(what)")
    }

    private static func corrupt(_ what: String) -> SimulatorError {
        SimulatorError(message: "the state file is damaged (\(what) unreadable); use --fresh to start over")
    }

    private static func describe(_ error: any Error) -> String {
        if let e = error as? SQLiteError {
            if e.isNotADatabase {
                return
                    "it is not an SQLite database, so not an acsh simulator state; choose another --state file (it was left untouched)"
            }
            return e.message
        }
        if let e = error as? SimulatorError { return e.message }
        return "\(error)"
    }
}

/// The data part of a job (its work closure is not data; see StateFile).
private struct SavedJob: Codable {
    var id, cmd, accountID, userID: String
    var created: Date
    var completesAt, completed: Date?
    var status, resultCode: Int
    var result: String?
    var instanceType, instanceID: String?

    init(_ j: Job) {
        id = j.id; cmd = j.cmd; accountID = j.accountID; userID = j.userID; created = j.created
        completesAt = j.completesAt; completed = j.completed; status = j.status; resultCode = j.resultCode
        result = j.result.map { JSONWriter.compact(.record($0)) }
        instanceType = j.instanceType; instanceID = j.instanceID
    }

    var job: Job {
        var r: Values.Record?
        if let result, case .record(let rec)? = try? JSONParser.parse(result) { r = rec }
        return Job(
            id: id, cmd: cmd, accountID: accountID, userID: userID, created: created, completesAt: completesAt,
            completed: completed, status: status, resultCode: resultCode, result: r, instanceType: instanceType,
            instanceID: instanceID)
    }
}

/// A principal as saved: the login user (with its keys) and the identity its calls get.
private struct SavedPrincipal: Codable {
    var user: SimulatorOptions.User
    var caller: Caller

    init(_ p: Principal) { user = p.user; caller = p.caller }
    var principal: Principal { Principal(user: user, caller: caller) }
}
