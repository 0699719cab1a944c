import Foundation
import SQLite
import Synchronization

/// The server's state in SQLite: accounts, sessions, throttling and the audit log.
///
/// Every method is one transaction or one statement, so a crash leaves either the old or the
/// new state; every write is synchronous (WAL, `synchronous=FULL`) before the method returns.
public final class StateStore: Sendable {
    public static let fileName = "careportal.sqlite"

    let database: Database
    /// Extra connections for the reads on every request (sessions): WAL lets them read while
    /// the main connection writes, so page views do not queue behind one lock.
    private let readers: [Database]
    private let nextReader = Atomic<Int>(0)

    /// Opens (creating it and its folder if needed) `state/careportal.sqlite`.
    public init(folder: URL) throws {
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let path = folder.appendingPathComponent(Self.fileName).path
        database = try Database(path: path)
        try database.migrate(Schema.migrations)
        readers = try (0..<4).map { _ in try Database(path: path) }
        // The readers answer point lookups (a session, a user's marks): a small page cache
        // each is enough, where SQLite's default 2 MiB each would add up.
        for reader in readers { try reader.execute("PRAGMA cache_size = -256") }
    }

    /// A read connection, taken in turn.
    var reader: Database {
        readers[nextReader.add(1, ordering: .relaxed).oldValue % readers.count]
    }

    /// SQLite's own check of every page and index: `["ok"]` for a sound database, else the
    /// problems it found.
    public func integrityCheck() throws -> [String] {
        try database.integrityCheck()
    }

    /// A cheap sign of life for health checks: a read answered by one of the readers.
    public func isAnswering() throws -> Bool {
        try reader.queryOne("SELECT count(*) AS n FROM accounts LIMIT 1") != nil
    }

    /// The version of the newest migration applied.
    public var schemaVersion: Int {
        (try? database.queryOne("PRAGMA user_version")?.int("user_version")).flatMap {
            $0.map(Int.init)
        } ?? 0
    }
}

/// Seconds since 1970, the unit of every time in the database.
extension Date {
    public var seconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
}
