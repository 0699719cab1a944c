import Foundation
import SQLite
import Synchronization
import Testing

@Suite struct BackupTests {
    @Test func backupDuringInsertsIsConsistentAndComplete() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("live.sqlite"))
        try database.execute("CREATE TABLE visit (id INTEGER PRIMARY KEY, note TEXT)")
        let writer = Writer(database: database)

        let inserter = Thread { writer.insertUntilStopped() }
        inserter.start()
        writer.started.wait()

        let committedBefore = try #require(try scalar(database, "SELECT count(*) FROM visit"))
        try database.backup(to: directory.path("copy.sqlite"))
        writer.stop()

        #expect(writer.failures.all.isEmpty)
        let copy = try Database(path: directory.path("copy.sqlite"))
        #expect(try copy.integrityCheck() == ["ok"])
        let copied = try #require(try scalar(copy, "SELECT count(*) FROM visit"))
        #expect(copied >= committedBefore)
        #expect(try scalar(copy, "SELECT max(id) FROM visit") == copied)
    }

    @Test func existingTargetIsNeverOverwritten() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("source.sqlite"))
        let target = directory.path("taken")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))

        let error = #expect(throws: SQLiteError.self) { try database.backup(to: target) }
        #expect(error?.isMisuse == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("keep me".utf8))
    }

    @Test func backupIsOnlyReadableByItsOwner() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("source.sqlite"))
        let target = directory.path("copy.sqlite")

        try database.backup(to: target)

        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}

/// Inserts rows one by one on its own thread until told to stop.
private final class Writer: Sendable {
    let database: Database
    let started = DispatchSemaphore(value: 0)
    let failures = FailureLog()
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(database: Database) {
        self.database = database
    }

    func insertUntilStopped() {
        defer { finished.signal() }
        var count = 0

        // The cap keeps a broken stop signal from filling the disk.
        while !stopped.load(ordering: .relaxed), count < 1_000_000 {
            do {
                try database.run("INSERT INTO visit (note) VALUES (?)", [.text("row \(count)")])
            } catch {
                failures.record(error)
                return
            }
            count += 1
            if count == 500 { started.signal() }
        }
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        finished.wait()
    }
}
