import SQLite
import Testing

@Suite struct TransactionTests {
    struct Abort: Error {}

    @Test func committedBodyKeepsItsRowsAndReturnsItsValue() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("commit.sqlite"))
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a)")

        let id = try database.transaction { transaction in
            try transaction.run("INSERT INTO t (a) VALUES (?)", ["x"])
            return try transaction.insert("INSERT INTO t (a) VALUES (?)", ["y"])
        }
        #expect(id == 2)
        #expect(try scalar(database, "SELECT count(*) FROM t") == 2)
    }

    @Test func throwingBodyLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("rollback.sqlite"))
        try database.execute("CREATE TABLE t (a)")

        #expect(throws: Abort.self) {
            try database.transaction { transaction in
                try transaction.run("INSERT INTO t VALUES (1)")
                try transaction.run("INSERT INTO t VALUES (2)")
                throw Abort()
            }
        }
        #expect(try scalar(database, "SELECT count(*) FROM t") == 0)
    }

    @Test func failingStatementRollsBackEarlierOnes() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("partial.sqlite"))
        try database.execute("CREATE TABLE t (a NOT NULL)")

        #expect(throws: SQLiteError.self) {
            try database.transaction { transaction in
                try transaction.run("INSERT INTO t VALUES (1)")
                try transaction.run("INSERT INTO t VALUES (NULL)")
            }
        }
        #expect(try scalar(database, "SELECT count(*) FROM t") == 0)
    }

    @Test func nestedTransactionIsRefusedAndRollsBackTheOuter() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("nested.sqlite"))
        try database.execute("CREATE TABLE t (a)")

        let error = #expect(throws: SQLiteError.self) {
            try database.transaction { transaction in
                try transaction.run("INSERT INTO t VALUES (1)")
                try database.transaction { _ in }
            }
        }
        #expect(error?.isMisuse == true)
        #expect(error?.message.contains("Transaction handle") == true)
        #expect(try scalar(database, "SELECT count(*) FROM t") == 0)
    }

    @Test func databaseCallsFromTheBodyFailInsteadOfDeadlocking() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("reentry.sqlite"))
        try database.execute("CREATE TABLE t (a)")

        let error = try database.transaction { _ in
            #expect(throws: SQLiteError.self) { try database.run("INSERT INTO t VALUES (1)") }
        }
        #expect(error?.isMisuse == true)
    }

    @Test func lastInsertRowIDInsideTheBodyIsTheBodysOwn() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("rowid.sqlite"))
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a)")
        try database.run("INSERT INTO t (id, a) VALUES (40, 'x')")

        let seen = try database.transaction { transaction in
            try transaction.run("INSERT INTO t (a) VALUES ('y')")
            return database.lastInsertRowID
        }
        #expect(seen == 41)
        #expect(try database.insert("INSERT INTO t (a) VALUES ('z')") == 42)
    }

    @Test func handleUsedAfterItsBodyIsRefused() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("escape.sqlite"))
        try database.execute("CREATE TABLE t (a)")

        var escaped: Transaction?
        try database.transaction { transaction in escaped = transaction }
        let handle = try #require(escaped)

        let error = #expect(throws: SQLiteError.self) { try handle.run("INSERT INTO t VALUES (1)") }
        #expect(error?.isMisuse == true)
        try database.transaction { _ in
            #expect(throws: SQLiteError.self) { try handle.run("INSERT INTO t VALUES (2)") }
        }
        #expect(try scalar(database, "SELECT count(*) FROM t") == 0)
    }

    @Test func commitInsideTheBodyIsRefused() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("early.sqlite"))
        try database.execute("CREATE TABLE t (a)")

        #expect(throws: SQLiteError.self) {
            try database.transaction { transaction in
                try transaction.run("INSERT INTO t VALUES (1)")
                try transaction.execute("COMMIT")
            }
        }
        #expect(try scalar(database, "SELECT count(*) FROM t") == 0)
    }
}
