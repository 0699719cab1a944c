import Foundation
import SQLite

/// A session as stored; the id itself is never stored, only its hash.
public struct SessionRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Between the activation link and the password: may only enrol.
        case enrol
        /// After a full login.
        case login
    }

    public var idHash: [UInt8]
    public var username: String
    public var kind: Kind
    /// Where an enrolment stands: `link` (QR shown), `confirmed` (code checked), `password`.
    public var step: String?
    /// The new authenticator secret during enrolment, sealed.
    public var pendingSecret: [UInt8]?
    public var csrf: String
    public var createdAt: Int64
    public var lastSeen: Int64
    public var expiresAt: Int64

    public init(
        idHash: [UInt8], username: String, kind: Kind, step: String? = nil,
        pendingSecret: [UInt8]? = nil, csrf: String, createdAt: Int64, lastSeen: Int64,
        expiresAt: Int64
    ) {
        self.idHash = idHash
        self.username = username
        self.kind = kind
        self.step = step
        self.pendingSecret = pendingSecret
        self.csrf = csrf
        self.createdAt = createdAt
        self.lastSeen = lastSeen
        self.expiresAt = expiresAt
    }

    init?(_ row: Row) {
        guard let hash = row.blob("id_hash"), let username = row.text("username"),
            let kind = row.text("kind").flatMap(Kind.init), let csrf = row.text("csrf"),
            let created = row.int("created_at"), let seen = row.int("last_seen"),
            let expires = row.int("expires_at")
        else { return nil }
        self.init(
            idHash: hash, username: username, kind: kind, step: row.text("step"),
            pendingSecret: row.blob("pending_secret"), csrf: csrf, createdAt: created,
            lastSeen: seen, expiresAt: expires)
    }
}

extension SessionRecord {
    /// Ends the sessions the appended condition picks: the end time (the first argument)
    /// becomes their expiry, so no check can honour them again, and their form token and any
    /// enrolment secret are wiped; who and when stay for the retention.
    static let endSQL = """
        UPDATE sessions SET expires_at = min(expires_at, ?), pending_secret = NULL, csrf = ''
        WHERE\u{20}
        """

    static let insertSQL = """
        INSERT INTO sessions (id_hash, username, kind, step, pending_secret, csrf,
            created_at, last_seen, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    var values: [SQLValue] {
        [
            .blob(idHash), .text(username), .text(kind.rawValue),
            step.map(SQLValue.text) ?? .null, pendingSecret.map(SQLValue.blob) ?? .null,
            .text(csrf), .integer(createdAt), .integer(lastSeen), .integer(expiresAt),
        ]
    }
}

extension StateStore {
    public func insert(_ session: SessionRecord) throws {
        try database.run(SessionRecord.insertSQL, session.values)
    }

    public func session(_ idHash: [UInt8]) throws -> SessionRecord? {
        try reader.queryOne(
            "SELECT * FROM sessions WHERE id_hash = ?", [.blob(idHash)]
        ).flatMap(SessionRecord.init)
    }

    /// Replaces a session by a new one in one step: a new id after each login step.
    public func replace(_ old: [UInt8], with session: SessionRecord) throws {
        try database.transaction { tx in
            try tx.run(
                SessionRecord.endSQL + "id_hash = ?",
                [.integer(session.createdAt), .blob(old)])
            try tx.run(SessionRecord.insertSQL, session.values)
        }
    }

    /// Sets the last-seen time of many sessions in one transaction; a later time never goes
    /// back to an earlier one.
    public func touch(_ lastSeen: [[UInt8]: Int64]) throws {
        guard !lastSeen.isEmpty else { return }
        try database.transaction { tx in
            for (idHash, time) in lastSeen {
                try tx.run(
                    "UPDATE sessions SET last_seen = max(last_seen, ?) WHERE id_hash = ?",
                    [.integer(time), .blob(idHash)])
            }
        }
    }

    /// Ends a session at `now`; its row stays, without its secrets, for the retention.
    public func endSession(_ idHash: [UInt8], now: Date) throws {
        try database.run(
            SessionRecord.endSQL + "id_hash = ?", [.integer(now.seconds), .blob(idHash)])
    }

    public func endSessions(of username: String, now: Date) throws {
        try database.run(
            SessionRecord.endSQL + "username = ?", [.integer(now.seconds), .text(username)])
    }

    /// Deletes sessions that ended (expired, idle too long, logged out or ended by a reset)
    /// more than `keep` seconds ago.
    public func deleteEndedSessions(now: Date, idle: TimeInterval, keep: TimeInterval) throws {
        let before = now.seconds - Int64(keep)
        try database.run(
            "DELETE FROM sessions WHERE expires_at <= ? OR last_seen <= ?",
            [.integer(before), .integer(before - Int64(idle))])
    }
}
