internal import CSQLite

/// A failure reported by SQLite or by misuse of this wrapper. The message says what was
/// being done and what to do; it never contains bound values, which may be personal data.
public struct SQLiteError: Error, Equatable, CustomStringConvertible {
    /// Primary result code (SQLITE_BUSY, SQLITE_CONSTRAINT, …).
    public var code: Int32

    /// Extended result code (SQLITE_CONSTRAINT_UNIQUE, …); equals `code` when there is none.
    public var extendedCode: Int32

    /// What failed, SQLite's own explanation, and a hint for the operator where one helps.
    public var message: String

    /// Makes an error from its parts.
    public init(code: Int32, extendedCode: Int32, message: String) {
        self.code = code
        self.extendedCode = extendedCode
        self.message = message
    }

    /// Another connection held a lock longer than the busy timeout; retrying may succeed.
    public var isBusy: Bool { code == SQLITE_BUSY }

    /// A UNIQUE, NOT NULL, CHECK or FOREIGN KEY constraint refused the change.
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }

    /// The disk (or the file size limit) is full.
    public var isFull: Bool { code == SQLITE_FULL }

    /// The wrapper was used against its rules (see the message).
    public var isMisuse: Bool { code == SQLITE_MISUSE }

    /// The message with the extended result code.
    public var description: String { "SQLite error \(extendedCode): \(message)" }
}

extension SQLiteError {
    /// The error SQLite recorded on `handle` for result `code` while `doing` something.
    init(code: Int32, handle: OpaquePointer?, doing: String) {
        let primary = code & 0xff
        let recorded = handle.map { sqlite3_extended_errcode($0) } ?? code
        let extended = recorded & 0xff == primary ? recorded : code
        let reason =
            handle.map { String(cString: sqlite3_errmsg($0)) }
            ?? String(cString: sqlite3_errstr(code))

        self.init(
            code: primary,
            extendedCode: extended,
            message: "\(doing) failed: \(reason)" + Self.hint(for: primary)
        )
    }

    /// The wrapper's rules were broken; `message` says which and how to fix the call.
    static func misuse(_ message: String) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, extendedCode: SQLITE_MISUSE, message: message)
    }

    /// A plain failure found by the wrapper itself rather than reported by SQLite.
    static func failure(_ message: String) -> SQLiteError {
        SQLiteError(code: SQLITE_ERROR, extendedCode: SQLITE_ERROR, message: message)
    }

    private static func hint(for code: Int32) -> String {
        switch code {
        case SQLITE_BUSY, SQLITE_LOCKED:
            " (another connection held the database past the busy timeout; retry)"
        case SQLITE_FULL:
            " (the disk is full; free space, then retry)"
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            " (the database file is damaged; restore it from a backup)"
        case SQLITE_AUTH:
            " (BEGIN, COMMIT, ROLLBACK and SAVEPOINT are refused; use Database.transaction)"
        case SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM:
            " (check that the file and its directory exist and careportal may write them)"
        default:
            ""
        }
    }
}
