internal import CSQLite

extension Connection {
    /// Makes SQLite refuse BEGIN, COMMIT, ROLLBACK and SAVEPOINT in callers' SQL: a
    /// transaction opened by hand would outlive the Database lock and let other threads'
    /// statements into it, and a COMMIT inside a body would end the transaction early.
    ///
    /// Known limit: savepoints inside a transaction body are refused too, because telling
    /// them apart needs parsing; nested units of work belong in the caller's code.
    func refuseTransactionControl() {
        // The context pointer is unretained: SQLite only calls the authorizer while
        // preparing on this handle, and the handle is closed in this object's deinit.
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_set_authorizer(handle, authorizeStatement, context)
    }
}

/// The sqlite3_set_authorizer callback; runs during prepare on the lock-holding thread.
private func authorizeStatement(
    context: UnsafeMutableRawPointer?,
    action: Int32,
    _: UnsafePointer<CChar>?,
    _: UnsafePointer<CChar>?,
    _: UnsafePointer<CChar>?,
    _: UnsafePointer<CChar>?
) -> Int32 {
    guard action == SQLITE_TRANSACTION || action == SQLITE_SAVEPOINT else { return SQLITE_OK }
    guard let context else { return SQLITE_DENY }

    let connection = Unmanaged<Connection>.fromOpaque(context).takeUnretainedValue()
    return connection.allowsTransactionControl ? SQLITE_OK : SQLITE_DENY
}
