import Foundation
import SQLite
import Testing

@Suite struct ConcurrencyTests {
    let schema = "CREATE TABLE IF NOT EXISTS event (worker INTEGER, n INTEGER)"
    let insert = "INSERT INTO event (worker, n) VALUES (?, ?)"

    @Test func eightThreadsOnOneDatabaseLoseNothing() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("threads.sqlite"))
        try database.execute(schema)
        let failures = FailureLog()

        onThreads(8) { worker in
            do {
                for n in 0..<200 { try insertChecked(database, worker: worker, n: n) }
            } catch {
                failures.record(error)
            }
        }

        #expect(failures.all.isEmpty)
        #expect(try scalar(database, "SELECT count(*) FROM event") == 1600)
        #expect(try scalar(database, "SELECT count(DISTINCT worker * 1000 + n) FROM event") == 1600)
    }

    /// Inserts one row and reads it back in the same transaction, so a statement from
    /// another thread landing inside the transaction would show up as a wrong count.
    private func insertChecked(_ database: Database, worker: Int, n: Int) throws {
        try database.transaction { transaction in
            let before = try transaction.queryOne("SELECT count(*) FROM event")?[0].int
            try transaction.run(insert, [.integer(Int64(worker)), .integer(Int64(n))])
            let after = try transaction.queryOne("SELECT count(*) FROM event")?[0].int
            #expect(after == before.map { $0 + 1 })
        }
    }

    @Test func twoDatabaseObjectsOnOneFileBothWrite() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("two.sqlite")
        try Database(path: path).execute(schema)
        let failures = FailureLog()

        onThreads(2) { worker in
            do {
                let database = try Database(path: path)
                for n in 0..<200 {
                    let values: [SQLValue] = [.integer(Int64(worker)), .integer(Int64(n))]
                    try database.transaction { try $0.run(insert, values) }
                }
            } catch {
                failures.record(error)
            }
        }

        #expect(failures.all.isEmpty)
        #expect(try scalar(Database(path: path), "SELECT count(*) FROM event") == 400)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func childProcessAndThisProcessBothWrite() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("process.sqlite")
        let database = try Database(path: path)
        try database.execute(schema)

        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        child.arguments = ["-c", Self.childScript, path]
        try child.run()
        for n in 0..<200 {
            try database.transaction { try $0.run(insert, [0, .integer(Int64(n))]) }
        }
        child.waitUntilExit()

        #expect(child.terminationStatus == 0)
        #expect(try scalar(database, "SELECT count(*) FROM event WHERE worker = 1") == 200)
        #expect(try scalar(database, "SELECT count(*) FROM event") == 400)
    }

    /// Writes 200 rows as worker 1, each in its own IMMEDIATE transaction.
    static let childScript = """
        import sqlite3, sys
        db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
        for n in range(200):
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO event (worker, n) VALUES (1, ?)", (n,))
            db.execute("COMMIT")
        db.close()
        """
}
