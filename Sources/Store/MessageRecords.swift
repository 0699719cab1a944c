import Foundation
import SQLite

/// A comment under a report or a reply in a conversation, written by a portal user.
public struct PortalMessage: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case comment
        case reply
    }

    public var id: Int64
    public var client: String
    /// The report or conversation: `reports/<slug>`, `conversations/<slug>`.
    public var item: String
    public var kind: Kind
    public var username: String
    /// The author's name as the content gave it when the message was written.
    public var author: String
    public var body: String
    public var createdAt: Int64
    /// When a care worker first listed it with `careportal inbox`; nil until then.
    public var seenAt: Int64?

    public init(
        client: String, item: String, kind: Kind, username: String, author: String,
        body: String, createdAt: Int64
    ) {
        self.id = 0
        self.client = client
        self.item = item
        self.kind = kind
        self.username = username
        self.author = author
        self.body = body
        self.createdAt = createdAt
    }

    init?(_ row: Row) {
        guard let id = row.int("id"), let client = row.text("client"),
            let item = row.text("item"), let kind = row.text("kind").flatMap(Kind.init),
            let username = row.text("username"), let author = row.text("author"),
            let body = row.text("body"), let created = row.int("created_at")
        else { return nil }
        self.init(
            client: client, item: item, kind: kind, username: username, author: author,
            body: body, createdAt: created)
        self.id = id
        seenAt = row.int("seen_at")
    }
}

extension StateStore {
    /// Stores `message` once per form: a second post of the same form (a double click, a
    /// resent request) finds the first and returns it with `isNew` false.
    ///
    /// The write is synchronous: when this returns, the message survives a crash.
    public func add(_ message: PortalMessage, formToken: String) throws
        -> (message: PortalMessage, isNew: Bool)
    {
        try database.transaction { tx in
            let changed = try tx.run(
                """
                INSERT INTO messages (client, item, kind, username, author, body, created_at,
                    form_token)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (username, form_token) DO NOTHING
                """,
                [
                    .text(message.client), .text(message.item), .text(message.kind.rawValue),
                    .text(message.username), .text(message.author), .text(message.body),
                    .integer(message.createdAt), .text(formToken),
                ])
            let row = try tx.queryOne(
                "SELECT * FROM messages WHERE username = ? AND form_token = ?",
                [.text(message.username), .text(formToken)])
            guard let stored = row.flatMap(PortalMessage.init) else {
                throw StoreError.missing("the message just written")
            }
            return (stored, changed > 0)
        }
    }

    /// Every message of one client, oldest first.
    public func messages(client: String) throws -> [PortalMessage] {
        try reader.query(
            "SELECT * FROM messages WHERE client = ? ORDER BY created_at, id", [.text(client)]
        ).compactMap(PortalMessage.init)
    }

    /// Messages no care worker has seen yet, oldest first; with `markSeen`, they are marked
    /// seen in the same transaction, so two runs never list the same message.
    public func unseenMessages(client: String?, markSeen: Bool, now: Date) throws
        -> [PortalMessage]
    {
        try database.transaction { tx in
            let rows = try tx.query(
                """
                SELECT * FROM messages WHERE seen_at IS NULL AND (?1 IS NULL OR client = ?1)
                ORDER BY client, item, created_at, id
                """, [optional(client)])
            let messages = rows.compactMap(PortalMessage.init)
            if markSeen {
                for message in messages {
                    try tx.run(
                        "UPDATE messages SET seen_at = ? WHERE id = ?",
                        [.integer(now.seconds), .integer(message.id)])
                }
            }
            return messages
        }
    }
}

/// A store call that found its data in an impossible state.
public enum StoreError: Error, CustomStringConvertible {
    case missing(String)
    case restore(String)

    public var description: String {
        switch self {
        case .missing(let what): return "the state database lost \(what)"
        case .restore(let why): return "cannot restore: \(why)"
        }
    }
}
