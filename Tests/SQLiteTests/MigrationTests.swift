import SQLite
import Testing

@Suite struct MigrationTests {
    let base = [
        Migration(version: 1, sql: "CREATE TABLE client (id INTEGER PRIMARY KEY, name TEXT)"),
        Migration(version: 2, sql: "INSERT INTO client (name) VALUES ('first')"),
    ]

    @Test func migrationsApplyOnceAndInOrder() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("once.sqlite"))

        try database.migrate(base)
        try database.migrate(base)

        #expect(try scalar(database, "PRAGMA user_version") == 2)
        #expect(try scalar(database, "SELECT count(*) FROM client") == 1)
    }

    @Test func versionSurvivesReopeningAndNewStepsApply() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("reopen.sqlite")
        try Database(path: path).migrate(base)

        let reopened = try Database(path: path)
        let third = Migration(version: 3, sql: "ALTER TABLE client ADD COLUMN note TEXT")
        try reopened.migrate(base + [third])

        #expect(try scalar(reopened, "PRAGMA user_version") == 3)
        #expect(try scalar(reopened, "SELECT count(*) FROM client") == 1)
        #expect(try reopened.queryOne("SELECT note FROM client")?["note"] == .null)
    }

    @Test func databaseNewerThanTheCodeIsRefused() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("newer.sqlite"))
        try database.execute("PRAGMA user_version = 9")

        let error = #expect(throws: SQLiteError.self) { try database.migrate(base) }
        #expect(error?.message.contains("upgrade careportal") == true)
        #expect(try scalar(database, "PRAGMA user_version") == 9)
    }

    @Test(arguments: [[2, 1], [1, 1], [0, 1], [-3]])
    func unorderedVersionsAreRefusedBeforeAnythingRuns(versions: [Int]) throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("order.sqlite"))
        let migrations = versions.map {
            Migration(version: $0, sql: "CREATE TABLE t\($0 + 5) (a)")
        }

        let error = #expect(throws: SQLiteError.self) { try database.migrate(migrations) }
        #expect(error?.isMisuse == true)
        #expect(try scalar(database, "SELECT count(*) FROM sqlite_schema") == 0)
    }

    @Test func failingMigrationLeavesItsStepUnapplied() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("failing.sqlite"))
        let sql = "CREATE TABLE x (a); INSERT INTO nowhere VALUES (1)"
        let broken = Migration(version: 3, sql: sql)

        #expect(throws: SQLiteError.self) { try database.migrate(base + [broken]) }
        #expect(try scalar(database, "PRAGMA user_version") == 2)
        #expect(try scalar(database, "SELECT count(*) FROM sqlite_schema WHERE name = 'x'") == 0)
    }

    @Test func migrationThatCommitsByItselfIsRefused() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("commits.sqlite"))
        let sneaky = Migration(version: 1, sql: "CREATE TABLE y (a); COMMIT;")

        #expect(throws: SQLiteError.self) { try database.migrate([sneaky]) }
        #expect(try scalar(database, "PRAGMA user_version") == 0)
        #expect(try scalar(database, "SELECT count(*) FROM sqlite_schema") == 0)
    }
}
