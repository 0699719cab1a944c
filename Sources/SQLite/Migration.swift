/// One schema step. `version` is what `PRAGMA user_version` records once `sql` has run.
///
/// The SQL runs inside a transaction, so it must not contain BEGIN, COMMIT, ROLLBACK or
/// VACUUM, and PRAGMA foreign_keys has no effect in it (SQLite ignores it in a transaction).
public struct Migration: Sendable {
    /// Positive, and strictly increasing along the list passed to `migrate`.
    public var version: Int

    /// One or more statements.
    public var sql: String

    /// Makes a migration.
    public init(version: Int, sql: String) {
        self.version = version
        self.sql = sql
    }
}

extension Database {
    /// Applies every migration newer than the database's `user_version`, each in its own
    /// transaction with its version bump; safe to call on every start. Refuses a database
    /// written by a newer careportal.
    public func migrate(_ migrations: [Migration]) throws(SQLiteError) {
        try Migration.checkOrder(migrations)
        let newest = migrations.last?.version ?? 0

        try locked({ $0 }) { connection throws(SQLiteError) in
            let current = try Migration.checkedVersion(of: connection, newest: newest)

            for migration in migrations where migration.version > current {
                try connection.inTransaction(
                    { () throws(SQLiteError) in
                        try migration.apply(on: connection, newest: newest)
                    }, { $0 })
            }
        }
    }
}

extension Migration {
    /// Versions must be positive, fit user_version (32 bits) and strictly increase.
    static func checkOrder(_ migrations: [Migration]) throws(SQLiteError) {
        var previous = 0

        for migration in migrations {
            guard migration.version > previous, migration.version <= Int(Int32.max) else {
                throw .misuse(
                    "migration versions must be positive and strictly increasing; "
                        + "version \(migration.version) follows \(previous)"
                )
            }
            previous = migration.version
        }
    }

    /// Runs inside the migration's transaction. The version is read again there, because
    /// another process may have applied this step since the check outside.
    func apply(on connection: Connection, newest: Int) throws(SQLiteError) {
        let current = try Self.checkedVersion(of: connection, newest: newest)
        guard current < version else { return }

        try connection.execute(sql, doing: "applying migration \(version)")
        try connection.execute(
            "PRAGMA user_version = \(version)", doing: "recording migration \(version)"
        )
    }

    /// The database's user_version, refused when newer than this code knows.
    static func checkedVersion(of connection: Connection, newest: Int) throws(SQLiteError)
        -> Int
    {
        let row = try connection.queryOne("PRAGMA user_version", [])
        let current = Int(row?[0].int ?? 0)

        guard current <= newest else {
            throw .failure(
                "the database has schema version \(current) but this careportal knows "
                    + "versions up to \(newest); upgrade careportal before using this database"
            )
        }
        return current
    }
}
