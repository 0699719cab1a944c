internal import Synchronization

/// A careportal database file: one SQLite connection shared safely by many threads.
///
/// Locking: each call holds one Mutex for its whole duration, and `transaction` holds it
/// from BEGIN to COMMIT, so no other thread's statement lands inside a transaction. Inside
/// a transaction body use the `Transaction` handle: calls on the `Database` itself from the
/// body's thread are refused with a misuse error instead of deadlocking on that Mutex.
///
/// Known limit: calls block the calling thread (up to the busy timeout plus other threads'
/// transactions), because SQLite's API is synchronous; from async code, call it from a
/// dedicated thread rather than from the cooperative pool.
public final class Database: Sendable {
    let connection: Connection
    let busyTimeoutMilliseconds: Int32
    private let lock = Mutex(())
    private let owner = Atomic<UInt>(0)

    /// Opens (creating if needed) the database at `path` with WAL, synchronous=FULL (an
    /// acknowledged write survives a crash or power cut) and foreign keys on.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws(SQLiteError) {
        connection = try Connection.openDatabase(
            path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds
        )
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }

    /// Runs `work` on the connection while holding the lock; refuses re-entry from the
    /// lock-holding thread. `lift` turns this wrapper's errors into the caller's type.
    func locked<R, E: Error>(
        _ lift: (SQLiteError) -> E,
        _ work: (Connection) throws(E) -> R
    ) throws(E) -> R {
        let me = ThreadID.current
        // Only this thread ever stores its own id, so seeing it (even with a relaxed load)
        // proves this thread holds the lock already and waiting would deadlock.
        guard owner.load(ordering: .relaxed) != me else { throw lift(Self.reentry) }

        return try lock.withLock { (_) throws(E) -> R in
            owner.store(me, ordering: .relaxed)
            defer { owner.store(0, ordering: .relaxed) }

            return try work(connection)
        }
    }

    /// True when the calling thread holds the lock (it is inside a transaction body).
    var isHeldByCurrentThread: Bool {
        owner.load(ordering: .relaxed) == ThreadID.current
    }

    private static let reentry = SQLiteError.misuse(
        "the Database was used from inside its own transaction body; use the Transaction "
            + "handle passed to the body (nested transactions are not supported)"
    )
}
