import Foundation
import SQLite

/// A conversation as the build shows it: its stable key and how many messages it has.
public struct ConversationCount: Sendable, Equatable {
    public var client: String
    /// Stays the same when the file is renamed (see `Conversation.openingKey`).
    public var key: String
    public var messages: Int

    public init(client: String, key: String, messages: Int) {
        self.client = client
        self.key = key
        self.messages = messages
    }
}

/// What a build changed that the users of a client should hear about.
public struct ConversationNews: Sendable, Equatable {
    public var conversation: ConversationCount
    /// True for a conversation never seen before, false for new messages in a known one.
    public var isNew: Bool
}

extension StateStore {
    /// Compares the conversations of a build with those already noticed, records the build's
    /// and returns what is new. Each conversation is returned as new once, ever; new messages
    /// in a known one are returned only with `everyMessage`.
    ///
    /// The first call on a fresh database records everything and returns nothing: the
    /// conversations that were there before the portal went live are not news.
    public func claimNews(
        _ conversations: [ConversationCount], everyMessage: Bool, now: Date
    ) throws -> [ConversationNews] {
        try database.transaction { tx in
            let started = try tx.queryOne("SELECT value FROM flags WHERE name = 'notices'")
            var news: [ConversationNews] = []
            for conversation in conversations {
                let known = try tx.queryOne(
                    "SELECT messages FROM conversation_notices WHERE client = ? AND conversation = ?",
                    [.text(conversation.client), .text(conversation.key)]
                )?.int("messages")
                guard known == nil || Int(known ?? 0) < conversation.messages else { continue }
                try tx.run(
                    """
                    INSERT INTO conversation_notices (client, conversation, messages, noticed_at)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (client, conversation)
                    DO UPDATE SET messages = excluded.messages, noticed_at = excluded.noticed_at
                    """,
                    [
                        .text(conversation.client), .text(conversation.key),
                        .integer(Int64(conversation.messages)), .integer(now.seconds),
                    ])
                if started != nil && (known == nil || everyMessage) {
                    news.append(ConversationNews(conversation: conversation, isNew: known == nil))
                }
            }
            if started == nil {
                try tx.run(
                    "INSERT INTO flags (name, value) VALUES ('notices', ?)",
                    [.text(String(now.seconds))])
            }
            return news
        }
    }

    /// The conversations of a client that users were told about, for an export.
    public func noticedConversations(client: String) throws -> [(key: String, at: Int64)] {
        try reader.query(
            "SELECT conversation, noticed_at FROM conversation_notices WHERE client = ?",
            [.text(client)]
        ).compactMap { row in
            guard let key = row.text("conversation"), let at = row.int("noticed_at") else {
                return nil
            }
            return (key, at)
        }
    }
}
