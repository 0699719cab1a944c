internal import Synchronization

/// The handle a `Database.transaction` body runs its statements through. It works only
/// inside that body and on that body's thread; anywhere else it throws a misuse error.
public struct Transaction {
    let connection: Connection
    let scope: TransactionScope

    /// Runs one or more statements that take no values.
    public func execute(_ sql: String) throws(SQLiteError) {
        try checked().execute(sql, doing: "executing SQL")
    }

    /// Runs one statement with `values` bound; returns rows changed.
    @discardableResult
    public func run(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> Int {
        try checked().run(sql, values)
    }

    /// Runs one INSERT and returns its rowid.
    @discardableResult
    public func insert(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> Int64 {
        try checked().insert(sql, values)
    }

    /// Runs one query and returns all its rows.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> [Row] {
        try checked().query(sql, values)
    }

    /// Runs one query and returns its first row, or nil when there is none.
    public func queryOne(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> Row? {
        try checked().queryOne(sql, values)
    }

    private func checked() throws(SQLiteError) -> Connection {
        try scope.check()
        return connection
    }
}

/// A Transaction must stay on the thread whose body received it.
@available(*, unavailable)
extension Transaction: Sendable {}

/// Marks one transaction body as running on one thread; closed when the body returns.
final class TransactionScope: Sendable {
    private let thread = ThreadID.current
    private let isOpen = Atomic<Bool>(true)

    /// Ends the scope; later uses of the handle are refused.
    func close() {
        isOpen.store(false, ordering: .relaxed)
    }

    /// Passes only on the body's own thread while the body runs. Relaxed ordering suffices:
    /// the only thread that can pass is the one that created and closes the scope.
    func check() throws(SQLiteError) {
        guard thread == ThreadID.current, isOpen.load(ordering: .relaxed) else {
            throw .misuse(
                "a Transaction was used outside its body or on another thread; use it "
                    + "only inside the closure passed to Database.transaction"
            )
        }
    }
}

extension Database {
    /// Runs `body` in BEGIN IMMEDIATE … COMMIT, rolling back if it throws, and returns its
    /// result. The body must use the `Transaction` it receives, not this Database.
    @discardableResult
    public func transaction<T>(_ body: (Transaction) throws -> T) throws -> T {
        try locked({ $0 as any Error }) { connection throws -> T in
            try connection.inTransaction(
                { () throws -> T in
                    let scope = TransactionScope()
                    defer { scope.close() }

                    return try body(Transaction(connection: connection, scope: scope))
                }, { $0 })
        }
    }
}
