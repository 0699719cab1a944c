import Foundation
import SQLite

/// That a user opened an item of a client, and for a conversation how many of the care
/// workers' messages it held then: one more later makes it unread again.
public struct ReadMark: Sendable, Equatable {
    public var username: String
    public var client: String
    public var item: String
    public var readAt: Int64
    public var messages: Int

    public init(username: String, client: String, item: String, readAt: Int64, messages: Int) {
        self.username = username
        self.client = client
        self.item = item
        self.readAt = readAt
        self.messages = messages
    }

    init?(_ row: Row) {
        guard let username = row.text("username"), let client = row.text("client"),
            let item = row.text("item"), let at = row.int("read_at"),
            let messages = row.int("messages")
        else { return nil }
        self.init(
            username: username, client: client, item: item, readAt: at,
            messages: Int(messages))
    }
}

extension StateStore {
    /// Saves marks in one transaction; a mark never goes back to fewer messages.
    public func save(_ marks: [ReadMark]) throws {
        guard !marks.isEmpty else { return }
        try database.transaction { tx in
            for mark in marks {
                try tx.run(
                    """
                    INSERT INTO read_marks (username, client, item, read_at, messages)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (username, client, item) DO UPDATE SET
                        read_at = max(read_at, excluded.read_at),
                        messages = max(messages, excluded.messages)
                    """,
                    [
                        .text(mark.username), .text(mark.client), .text(mark.item),
                        .integer(mark.readAt), .integer(Int64(mark.messages)),
                    ])
            }
        }
    }

    /// One user's marks for one client.
    public func readMarks(username: String, client: String) throws -> [ReadMark] {
        try reader.query(
            "SELECT * FROM read_marks WHERE username = ? AND client = ?",
            [.text(username), .text(client)]
        ).compactMap(ReadMark.init)
    }

    /// Every user's marks for one client, for an export.
    public func readMarks(client: String) throws -> [ReadMark] {
        try reader.query(
            "SELECT * FROM read_marks WHERE client = ? ORDER BY username, item",
            [.text(client)]
        ).compactMap(ReadMark.init)
    }
}
