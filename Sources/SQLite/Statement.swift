internal import CSQLite

/// Owns one prepared statement (sqlite3_stmt) and finalizes it in deinit.
///
/// Not Sendable: only the Connection that prepared it uses it, under that connection's rules.
final class Statement {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values`, steps through the result (at most `limit` rows), and always resets.
    func rows(binding values: [SQLValue], limit: Int = .max) throws(SQLiteError) -> [Row] {
        defer { clear() }

        try bind(values)
        let columns = columnNames()
        var rows: [Row] = []
        while rows.count < limit, try step() {
            rows.append(try row(columns: columns))
        }
        return rows
    }

    /// Binds `values`, steps to the end ignoring any rows, and always resets.
    func run(binding values: [SQLValue]) throws(SQLiteError) {
        defer { clear() }

        try bind(values)
        while try step() {}
    }

    /// True when a row is ready, false when the statement is done.
    private func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(code, doing: "stepping a statement")
        }
    }

    /// Returns the statement to its unused state so the cache can hand it out again.
    private func clear() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The error SQLite recorded for `code` on this statement's connection.
    func error(_ code: Int32, doing: String) -> SQLiteError {
        SQLiteError(code: code, handle: sqlite3_db_handle(handle), doing: doing)
    }
}
