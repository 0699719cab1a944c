import Foundation
import SQLite

/// A portal account as stored.
public struct AccountRecord: Sendable, Equatable {
    public enum State: String, Sendable {
        case invited, active
    }

    public var username: String
    public var state: State
    public var passwordHash: String?
    /// The authenticator secret, sealed with the key kept outside the database.
    public var sealedSecret: [UInt8]?
    /// The last TOTP time step accepted; a code at or before it is a replay.
    public var lastStep: Int64?
    public var locked: Bool
    public var createdAt: Int64
    public var activatedAt: Int64?

    init?(_ row: Row) {
        guard let username = row.text("username"), let state = row.text("state"),
            let parsed = State(rawValue: state), let created = row.int("created_at")
        else { return nil }
        self.username = username
        self.state = parsed
        passwordHash = row.text("password_hash")
        sealedSecret = row.blob("totp_secret")
        lastStep = row.int("totp_last_step")
        locked = row.int("locked") == 1
        createdAt = created
        activatedAt = row.int("activated_at")
    }
}

/// What became of an activation link.
public enum TokenUse: Sendable, Equatable {
    case accepted(username: String)
    case used
    case expired
    case unknown
}

extension StateStore {
    public func account(_ username: String) throws -> AccountRecord? {
        try database.queryOne(
            "SELECT * FROM accounts WHERE username = ?", [.text(username)]
        ).flatMap(AccountRecord.init)
    }

    public func accounts() throws -> [AccountRecord] {
        try database.query("SELECT * FROM accounts ORDER BY username").compactMap(
            AccountRecord.init)
    }

    /// Creates the account if needed and replaces any earlier activation link with this one.
    /// With `reset`, the password, authenticator and every session end first.
    public func invite(
        _ username: String, tokenHash: [UInt8], now: Date, validFor: TimeInterval,
        reset: Bool
    ) throws {
        let time = now.seconds
        try database.transaction { tx in
            try tx.run(
                """
                INSERT INTO accounts (username, state, created_at, updated_at)
                VALUES (?, 'invited', ?, ?) ON CONFLICT (username) DO NOTHING
                """, [.text(username), .integer(time), .integer(time)])
            if reset {
                try tx.run(
                    """
                    UPDATE accounts SET state = 'invited', password_hash = NULL,
                        totp_secret = NULL, totp_last_step = NULL, locked = 0, updated_at = ?
                    WHERE username = ?
                    """, [.integer(time), .text(username)])
                try tx.run(
                    SessionRecord.endSQL + "username = ?", [.integer(time), .text(username)])
                try tx.run(
                    "DELETE FROM failures WHERE key IN (?, ?)",
                    [.text("password:\(username)"), .text("code:\(username)")])
            }
            try tx.run(
                "DELETE FROM activation_tokens WHERE username = ?", [.text(username)])
            try tx.run(
                """
                INSERT INTO activation_tokens (token_hash, username, created_at, expires_at)
                VALUES (?, ?, ?, ?)
                """,
                [
                    .blob(tokenHash), .text(username), .integer(time),
                    .integer(time + Int64(validFor)),
                ])
        }
    }

    /// Uses an activation link once: two requests racing for the same link get one success.
    public func consumeToken(_ tokenHash: [UInt8], now: Date) throws -> TokenUse {
        try database.transaction { tx in
            guard
                let row = try tx.queryOne(
                    "SELECT * FROM activation_tokens WHERE token_hash = ?", [.blob(tokenHash)])
            else { return .unknown }
            if row.int("used_at") != nil { return .used }
            if (row.int("expires_at") ?? 0) <= now.seconds { return .expired }
            try tx.run(
                "UPDATE activation_tokens SET used_at = ? WHERE token_hash = ?",
                [.integer(now.seconds), .blob(tokenHash)])
            return .accepted(username: row.text("username") ?? "")
        }
    }

    /// Finishes activation: the account gets its password and authenticator and becomes
    /// active; the enrolment session ends.
    public func activate(
        _ username: String, passwordHash: String, sealedSecret: [UInt8], lastStep: Int64,
        now: Date
    ) throws {
        try database.transaction { tx in
            try tx.run(
                """
                UPDATE accounts SET state = 'active', password_hash = ?, totp_secret = ?,
                    totp_last_step = ?, locked = 0, activated_at = ?, updated_at = ?
                WHERE username = ?
                """,
                [
                    .text(passwordHash), .blob(sealedSecret), .integer(lastStep),
                    .integer(now.seconds), .integer(now.seconds), .text(username),
                ])
            try tx.run(
                SessionRecord.endSQL + "username = ?", [.integer(now.seconds), .text(username)])
        }
    }

    /// Records that a code's time step was used; false when that step or a later one was
    /// already used (a replay), decided in one statement so parallel logins cannot both win.
    public func useCodeStep(_ username: String, step: Int64) throws -> Bool {
        try database.run(
            """
            UPDATE accounts SET totp_last_step = ?
            WHERE username = ? AND (totp_last_step IS NULL OR totp_last_step < ?)
            """, [.integer(step), .text(username), .integer(step)]) == 1
    }

    public func setLocked(_ username: String, _ locked: Bool, now: Date) throws {
        try database.transaction { tx in
            try tx.run(
                "UPDATE accounts SET locked = ?, updated_at = ? WHERE username = ?",
                [.integer(locked ? 1 : 0), .integer(now.seconds), .text(username)])
            if !locked {
                try tx.run(
                    "DELETE FROM failures WHERE key IN (?, ?)",
                    [.text("password:\(username)"), .text("code:\(username)")])
            }
        }
    }
}
