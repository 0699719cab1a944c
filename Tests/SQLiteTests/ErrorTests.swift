import SQLite
import Testing

@Suite struct ErrorTests {
    // Result codes from sqlite3.h, written out because tests only import the wrapper.
    let sqliteError: Int32 = 1
    let sqliteMisuse: Int32 = 21
    let sqliteAuth: Int32 = 23
    let constraintUnique: Int32 = 2067
    let constraintForeignKey: Int32 = 787

    @Test func uniqueViolationIsReportedWithoutTheBoundValue() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("unique.sqlite"))
        try database.execute("CREATE TABLE person (email TEXT UNIQUE)")
        let insert = "INSERT INTO person (email) VALUES (?)"
        try database.run(insert, ["secret.person@example.org"])

        let error = #expect(throws: SQLiteError.self) {
            try database.run(insert, ["secret.person@example.org"])
        }
        #expect(error?.isConstraintViolation == true)
        #expect(error?.extendedCode == constraintUnique)
        #expect(error?.message.contains("secret") == false)
        #expect(error?.isBusy == false)
        #expect(error?.isFull == false)
    }

    @Test func foreignKeyViolationIsReported() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("fk.sqlite"))
        try database.execute(
            """
            CREATE TABLE client (id INTEGER PRIMARY KEY);
            CREATE TABLE note (client INTEGER NOT NULL REFERENCES client(id));
            """)

        let error = #expect(throws: SQLiteError.self) {
            try database.run("INSERT INTO note (client) VALUES (?)", [99])
        }
        #expect(error?.isConstraintViolation == true)
        #expect(error?.extendedCode == constraintForeignKey)
    }

    @Test func cachedStatementWorksAgainAfterAFailure() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("reuse.sqlite"))
        try database.execute("CREATE TABLE tag (name TEXT UNIQUE)")
        let insert = "INSERT INTO tag (name) VALUES (?)"
        try database.run(insert, ["a"])

        #expect(throws: SQLiteError.self) { try database.run(insert, ["a"]) }
        #expect(try database.run(insert, ["b"]) == 1)
        #expect(try scalar(database, "SELECT count(*) FROM tag") == 2)
    }

    @Test func wrongNumberOfValuesIsMisuse() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("count.sqlite"))

        let error = #expect(throws: SQLiteError.self) {
            try database.query("SELECT ?, ?", [1])
        }
        #expect(error?.code == sqliteMisuse)
    }

    @Test func severalStatementsInRunAreRefused() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("several.sqlite"))
        try database.execute("CREATE TABLE t (a)")

        let error = #expect(throws: SQLiteError.self) {
            try database.run("INSERT INTO t VALUES (1); DELETE FROM t")
        }
        #expect(error?.isMisuse == true)
        #expect(try scalar(database, "SELECT count(*) FROM t") == 0)
    }

    @Test func trailingCommentIsNotASecondStatement() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("comment.sqlite"))

        #expect(try scalar(database, "SELECT 5; -- five") == 5)
    }

    @Test func syntaxErrorSaysItWasPreparing() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("syntax.sqlite"))

        let error = #expect(throws: SQLiteError.self) { try database.query("SELEC 1") }
        #expect(error?.code == sqliteError)
        #expect(error?.message.contains("preparing") == true)
    }

    @Test func handWrittenTransactionControlIsRefused() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("control.sqlite"))

        for sql in ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT s"] {
            let error = #expect(throws: SQLiteError.self) { try database.execute(sql) }
            #expect(error?.code == sqliteAuth)
        }
        #expect(try scalar(database, "SELECT 1") == 1)
    }

    @Test func writerBlockedPastTheTimeoutIsBusy() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("busy.sqlite")
        let holder = try Database(path: path)
        let other = try Database(path: path, busyTimeoutMilliseconds: 0)
        try holder.execute("CREATE TABLE t (a)")

        let error = try holder.transaction { transaction in
            try transaction.run("INSERT INTO t VALUES (1)")
            return #expect(throws: SQLiteError.self) {
                try other.run("INSERT INTO t VALUES (2)")
            }
        }
        #expect(error?.isBusy == true)
        #expect(try scalar(holder, "SELECT count(*) FROM t") == 1)
    }
}
