extension Database {
    /// Runs one or more statements that take no values (schema, pragmas).
    public func execute(_ sql: String) throws(SQLiteError) {
        try locked({ $0 }) { connection throws(SQLiteError) in
            try connection.execute(sql, doing: "executing SQL")
        }
    }

    /// Runs one statement with `values` bound to its `?` placeholders; returns rows changed.
    @discardableResult
    public func run(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> Int {
        try locked({ $0 }) { connection throws(SQLiteError) in
            try connection.run(sql, values)
        }
    }

    /// Runs one INSERT and returns its rowid, read under the same lock so no other
    /// thread's insert can come between.
    @discardableResult
    public func insert(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> Int64 {
        try locked({ $0 }) { connection throws(SQLiteError) in
            try connection.insert(sql, values)
        }
    }

    /// Runs one query and returns all its rows.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> [Row] {
        try locked({ $0 }) { connection throws(SQLiteError) in
            try connection.query(sql, values)
        }
    }

    /// Runs one query and returns its first row, or nil when there is none.
    public func queryOne(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> Row? {
        try locked({ $0 }) { connection throws(SQLiteError) in
            try connection.queryOne(sql, values)
        }
    }

    /// The rowid of the last INSERT on this connection by any thread; prefer `insert`,
    /// which returns its own rowid. Inside a transaction body it is that body's last insert.
    public var lastInsertRowID: Int64 {
        // The body's thread already holds the lock, so it may read without taking it again.
        if isHeldByCurrentThread { return connection.lastInsertRowID }

        // `locked` only throws on re-entry, which the line above excludes.
        let read = { (connection: Connection) throws(SQLiteError) in connection.lastInsertRowID }
        return (try? locked({ $0 }, read)) ?? 0
    }

    /// Runs PRAGMA integrity_check; returns ["ok"] for a sound database, else the problems.
    public func integrityCheck() throws(SQLiteError) -> [String] {
        try query("PRAGMA integrity_check").map { $0[0].text ?? "" }
    }
}
