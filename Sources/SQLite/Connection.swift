internal import CSQLite

/// Owns one sqlite3 connection handle and its prepared statements; closes it in deinit.
///
/// `@unchecked Sendable` invariant: only the thread holding the owning `Database`'s lock
/// touches it (the `Database` takes the lock, `Transaction` checks it is on that thread), so
/// no two threads ever use it at once. The handle is also opened with SQLITE_OPEN_FULLMUTEX.
final class Connection: @unchecked Sendable {
    let handle: OpaquePointer
    var cache: [String: Statement] = [:]

    /// Set only while this wrapper runs its own BEGIN/COMMIT/ROLLBACK (see the authorizer).
    var allowsTransactionControl = false

    /// Opens `path` with `flags`; extended result codes are always on.
    init(path: String, flags: Int32) throws(SQLiteError) {
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags | SQLITE_OPEN_EXRESCODE, nil)

        guard code == SQLITE_OK, let opened else {
            let error = SQLiteError(code: code, handle: opened, doing: "opening \(path)")
            // sqlite3_open_v2 may return a handle even on failure; it must still be closed.
            sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
    }

    deinit {
        // Statements first: sqlite3_close_v2 would otherwise keep a zombie handle open.
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without bindings.
    func execute(_ sql: String, doing: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, doing: doing) }
    }

    /// The error SQLite recorded for `code` on this connection.
    func error(_ code: Int32, doing: String) -> SQLiteError {
        SQLiteError(code: code, handle: handle, doing: doing)
    }

    /// The absolute path of the main database file ("" for an in-memory database).
    var filePath: String {
        sqlite3_db_filename(handle, "main").map { String(cString: $0) } ?? ""
    }
}
