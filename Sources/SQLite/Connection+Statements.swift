internal import CSQLite

extension Connection {
    /// Most statements careportal runs are fixed texts, so a small cache covers them.
    static let cacheLimit = 64

    /// Runs one statement; returns the rows changed (meaningful for INSERT/UPDATE/DELETE).
    func run(_ sql: String, _ values: [SQLValue]) throws(SQLiteError) -> Int {
        try statement(for: sql).run(binding: values)
        return Int(sqlite3_changes64(handle))
    }

    /// Runs one INSERT and returns the rowid it created.
    func insert(_ sql: String, _ values: [SQLValue]) throws(SQLiteError) -> Int64 {
        try statement(for: sql).run(binding: values)
        return sqlite3_last_insert_rowid(handle)
    }

    /// Runs one statement and returns all its rows.
    func query(_ sql: String, _ values: [SQLValue]) throws(SQLiteError) -> [Row] {
        try statement(for: sql).rows(binding: values)
    }

    /// Runs one statement and returns its first row, if any.
    func queryOne(_ sql: String, _ values: [SQLValue]) throws(SQLiteError) -> Row? {
        try statement(for: sql).rows(binding: values, limit: 1).first
    }

    /// The rowid of the most recent successful INSERT on this handle.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    // Known limit: a full cache drops an arbitrary entry rather than the least recently
    // used one, because careportal's statement set is small; lifting it needs an LRU list.
    private func statement(for sql: String) throws(SQLiteError) -> Statement {
        if let cached = cache[sql] { return cached }

        let statement = try prepare(sql)
        if cache.count >= Self.cacheLimit, let victim = cache.keys.first {
            cache[victim] = nil
        }
        cache[sql] = statement
        return statement
    }
}
