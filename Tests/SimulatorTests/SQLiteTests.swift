import FoundationEssentials
@testable import Simulator
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// The state file's SQLite layer on its own: statements with arguments, rows, NULL, transactions, errors.
@Suite struct SQLiteTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.path + "/acsh-sqlite-\(UUID().uuidString).sqlite"
    }

    @Test func writesAndReadsRowsWithArguments() throws {
        let path = Self.path()
        defer { unlink(path) }
        let db = try SQLiteDatabase(path: path)
        try db.execute("CREATE TABLE t(k TEXT PRIMARY KEY, n INTEGER, note TEXT)")
        try db.execute(
            "INSERT INTO t(k, n, note) VALUES (?, ?, ?)", [.text("a'b \"c\""), .integer(Int64.max), .text("é")])
        try db.execute("INSERT INTO t(k, n) VALUES (?, ?)", [.text("second"), .integer(-1)])
        let rows = try db.rows("SELECT k, n, note FROM t ORDER BY n")
        #expect(rows == [["second", "-1", nil], ["a'b \"c\"", "\(Int64.max)", "é"]])
        #expect(try db.value("SELECT count(*) FROM t") == "2")
        #expect(try db.rows("SELECT n FROM t WHERE k = ?", [.text("second")]) == [["-1"]])
        db.close()
        #expect(try SQLiteDatabase(path: path).value("SELECT note FROM t WHERE k = 'a''b \"c\"'") == "é")
    }

    @Test func aThrowingTransactionLeavesNothing() throws {
        let path = Self.path()
        defer { unlink(path) }
        let db = try SQLiteDatabase(path: path)
        try db.execute("CREATE TABLE t(k TEXT PRIMARY KEY)")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.execute("INSERT INTO t(k) VALUES (?)", [.text("x")])
                throw Stop()
            }
        }
        #expect(try db.value("SELECT count(*) FROM t") == "0")
        try db.transaction { try db.execute("INSERT INTO t(k) VALUES (?)", [.text("y")]) }
        #expect(try db.value("SELECT k FROM t") == "y")
    }

    @Test func errorsSayWhatSQLiteSaid() throws {
        let path = Self.path()
        defer { unlink(path) }
        let db = try SQLiteDatabase(path: path)
        let bad = #expect(throws: SQLiteError.self) { try db.execute("SELEC 1") }
        #expect(bad?.message.contains("syntax error") == true)
        try db.execute("CREATE TABLE t(k TEXT PRIMARY KEY)")
        try db.execute("INSERT INTO t(k) VALUES (?)", [.text("x")])
        let duplicate = #expect(throws: SQLiteError.self) {
            try db.execute("INSERT INTO t(k) VALUES (?)", [.text("x")])
        }
        #expect(duplicate?.message.contains("UNIQUE") == true)
        db.close()
        #expect(throws: SQLiteError.self) { try db.value("SELECT 1") }
    }

    @Test func aFileThatIsNotADatabaseIsRecognised() throws {
        let path = Self.path()
        defer { unlink(path) }
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let db = try SQLiteDatabase(path: path)
        let error = #expect(throws: SQLiteError.self) { try db.value("PRAGMA application_id") }
        #expect(error?.isNotADatabase == true)
    }
}
