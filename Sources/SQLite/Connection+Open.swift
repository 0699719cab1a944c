internal import CSQLite

extension Connection {
    /// Opens (creating if needed) a careportal database: WAL, synchronous=FULL, foreign keys.
    static func openDatabase(path: String, busyTimeoutMilliseconds: Int32) throws(SQLiteError)
        -> Connection
    {
        // FULLMUTEX: SQLite serializes use of the handle itself (threading-mode docs), on top
        // of the Database lock that keeps whole transactions together.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let connection = try Connection(path: path, flags: flags)

        sqlite3_busy_timeout(connection.handle, busyTimeoutMilliseconds)
        connection.refuseTransactionControl()
        try connection.useWriteAheadLog()
        try connection.execute(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            doing: "setting synchronous and foreign_keys"
        )
        return connection
    }

    /// Opens a second handle on an existing database, for reading a backup snapshot.
    static func openSource(path: String, busyTimeoutMilliseconds: Int32) throws(SQLiteError)
        -> Connection
    {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX
        let connection = try Connection(path: path, flags: flags)

        sqlite3_busy_timeout(connection.handle, busyTimeoutMilliseconds)
        return connection
    }

    // Known limit: in-memory databases are refused, because they cannot use WAL and backup
    // reads through a second handle; lifting it needs a journal-mode option and a backup
    // path that runs on this handle under the lock.
    private func useWriteAheadLog() throws(SQLiteError) {
        let mode = try queryOne("PRAGMA journal_mode = WAL", [])?[0].text

        guard mode?.lowercased() == "wal" else {
            throw .failure(
                "the database could not switch to WAL journal mode (it reports "
                    + "\(mode ?? "nothing")); keep it as a file on a local disk"
            )
        }
    }
}
