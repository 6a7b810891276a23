import CSQLite

/// The little of SQLite the state file needs: open, run statements, bind text and integers, read rows,
/// transactions. Our own rather than GRDB because GRDB links all of Foundation and its ICU data
/// (44 MB of the release binary; README "Performance"), for a file of five tables.
/// One connection, used under the simulator engine's lock (opened with SQLITE_OPEN_FULLMUTEX all the same).
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    private var cache: [String: OpaquePointer] = [:]

    init(path: String) throws(SQLiteError) {
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nil)
        guard code == SQLITE_OK, let db else {
            let error = SQLiteError(code: code, db)
            sqlite3_close_v2(db)
            throw error
        }
        handle = db
    }

    /// Runs one or more statements that take no arguments (schema, pragmas).
    func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(try open(), sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, handle) }
    }

    /// Runs a statement with arguments (kept compiled for the next call with the same text).
    func execute(_ sql: String, _ arguments: [SQLiteValue]) throws(SQLiteError) {
        let statement = try prepared(sql, arguments)
        defer { sqlite3_reset(statement) }
        var code = sqlite3_step(statement)
        while code == SQLITE_ROW { code = sqlite3_step(statement) }
        guard code == SQLITE_DONE else { throw SQLiteError(code: code, handle) }
    }

    /// Every row of a query, each column as text (nil for NULL).
    func rows(_ sql: String, _ arguments: [SQLiteValue] = []) throws(SQLiteError) -> [[String?]] {
        let statement = try prepared(sql, arguments)
        defer { sqlite3_reset(statement) }
        var result: [[String?]] = []
        let columns = sqlite3_column_count(statement)
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return result }
            guard code == SQLITE_ROW else { throw SQLiteError(code: code, handle) }
            result.append(
                (0..<columns).map { i in
                    sqlite3_column_text(statement, i).map { String(cString: $0) }
                })
        }
    }

    /// The first column of the first row, as text.
    func value(_ sql: String) throws(SQLiteError) -> String? {
        try rows(sql).first?.first ?? nil
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction(_ body: () throws -> Void) throws {
        try execute("BEGIN IMMEDIATE")
        do {
            try body()
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func close() {
        for statement in cache.values { sqlite3_finalize(statement) }
        cache = [:]
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    deinit { close() }

    private func open() throws(SQLiteError) -> OpaquePointer {
        guard let handle else { throw SQLiteError(code: SQLITE_MISUSE, message: "the database is closed") }
        return handle
    }

    private func prepared(_ sql: String, _ arguments: [SQLiteValue]) throws(SQLiteError) -> OpaquePointer {
        let db = try open()
        let statement: OpaquePointer
        if let cached = cache[sql] {
            statement = cached
        } else {
            var made: OpaquePointer?
            let code = sqlite3_prepare_v2(db, sql, -1, &made, nil)
            guard code == SQLITE_OK, let made else { throw SQLiteError(code: code, db) }
            cache[sql] = made
            statement = made
        }
        sqlite3_clear_bindings(statement)
        for (i, argument) in arguments.enumerated() {
            let index = Int32(i + 1)
            let code: Int32
            switch argument {
            case .text(let s): code = sqlite3_bind_text(statement, index, s, -1, acsh_sqlite_transient())
            case .integer(let n): code = sqlite3_bind_int64(statement, index, n)
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, db) }
        }
        return statement
    }
}

enum SQLiteValue {
    case text(String)
    case integer(Int64)
}

struct SQLiteError: Error, CustomStringConvertible {
    let code: Int32
    let message: String

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    init(code: Int32, _ db: OpaquePointer?) {
        self.code = code
        message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
    }

    var isNotADatabase: Bool { code & 0xff == SQLITE_NOTADB }
    var description: String { message }
}
