internal import CSQLite

extension Connection {
    /// True while a transaction is open on this handle.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `work` between BEGIN IMMEDIATE and COMMIT; rolls back if anything throws.
    /// `lift` turns this wrapper's own errors into the caller's error type.
    func inTransaction<T, E: Error>(
        _ work: () throws(E) -> T,
        _ lift: (SQLiteError) -> E
    ) throws(E) -> T {
        // IMMEDIATE takes the write lock up front, so the busy timeout applies here rather
        // than failing later when a read transaction tries to upgrade.
        do throws(SQLiteError) {
            try control("BEGIN IMMEDIATE", doing: "beginning a transaction")
        } catch {
            throw lift(error)
        }

        let value: T
        do throws(E) {
            value = try work()
        } catch {
            rollbackIfOpen()
            throw error
        }

        do throws(SQLiteError) {
            try control("COMMIT", doing: "committing a transaction")
        } catch {
            rollbackIfOpen()
            throw lift(error)
        }
        return value
    }

    // Some errors (SQLITE_FULL, SQLITE_IOERR, …) already roll back on their own, per the
    // sqlite3_get_autocommit docs, so ROLLBACK only runs when a transaction is still open.
    // Known limit: a failing ROLLBACK is not reported, because the body's error matters
    // more; the next BEGIN then fails and reports it.
    private func rollbackIfOpen() {
        guard isInTransaction else { return }
        try? control("ROLLBACK", doing: "rolling back a transaction")
    }

    /// Runs one of this wrapper's own transaction statements past the authorizer.
    private func control(_ sql: String, doing: String) throws(SQLiteError) {
        allowsTransactionControl = true
        defer { allowsTransactionControl = false }

        try execute(sql, doing: doing)
    }
}
