internal import CSQLite

extension Connection {
    /// Compiles exactly one statement; several statements or none are refused.
    func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        let (code, prepared, hasMore) = sql.withCString { text in
            var prepared: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
            let code = sqlite3_prepare_v3(handle, text, -1, flags, &prepared, &tail)
            // Ownership passes to Statement at once, so every exit below finalizes it.
            return (code, prepared.map(Statement.init), tail.map(containsStatement) ?? false)
        }

        guard code == SQLITE_OK else { throw error(code, doing: "preparing a statement") }
        guard let prepared else { throw .misuse("the SQL text holds no statement") }
        guard !hasMore else {
            throw .misuse("run and query take one statement; use execute for several")
        }
        return prepared
    }

    /// True when `text` holds more than whitespace and comments (or fails to compile).
    private func containsStatement(_ text: UnsafePointer<CChar>) -> Bool {
        var extra: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, text, -1, &extra, nil)
        let statement = extra.map(Statement.init)

        return code != SQLITE_OK || statement != nil
    }
}
