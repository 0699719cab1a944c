import Foundation
import Site
import Store

/// A comment or reply as `careportal inbox` shows it to care workers.
public struct InboxEntry: Codable, Sendable, Equatable {
    public var id: Int64
    public var client: String
    public var clientName: String
    public var item: String
    public var itemTitle: String
    public var kind: String
    public var username: String
    public var author: String
    /// ISO 8601 in UTC.
    public var at: String
    public var text: String

    enum CodingKeys: String, CodingKey {
        case id, client, item, kind, username, author, at, text
        case clientName = "client_name"
        case itemTitle = "item_title"
    }
}

/// What care workers and the privacy officer read from the command line: new comments and
/// replies, and everything held about one client.
extension Administration {
    /// Comments and replies no care worker has listed yet, oldest first per client and item;
    /// they count as seen from now on unless `peek`.
    public func inbox(client: String?, peek: Bool) throws -> [InboxEntry] {
        if let client, snapshot.clients[client] == nil {
            throw ServerError.configuration("there is no client '\(client)' in the site")
        }
        return try store.unseenMessages(client: client, markSeen: !peek, now: settings.clock())
            .map(entry)
    }

    private func entry(_ message: PortalMessage) -> InboxEntry {
        let client = snapshot.clients[message.client]
        let title = snapshot.indexes[message.client]?.items[message.item]?.title
        return InboxEntry(
            id: message.id, client: message.client, clientName: client?.name ?? message.client,
            item: message.item, itemTitle: title ?? message.item, kind: message.kind.rawValue,
            username: message.username, author: message.author,
            at: Self.stamp(message.createdAt), text: message.body)
    }

    /// Everything the portal holds about one client, as one JSON document: for a request to
    /// see one's data (AVG/GDPR article 15), or to hand a file over.
    public func export(client: String) throws -> Data {
        let messages = try store.messages(client: client)
        let marks = try store.readMarks(client: client)
        let audit = try store.auditEvents(client: client, username: nil, limit: Int.max)
        let entry = snapshot.clients[client]
        guard entry != nil || !messages.isEmpty || !marks.isEmpty || !audit.isEmpty else {
            throw ServerError.configuration("the portal holds nothing about a client '\(client)'")
        }
        let users = try snapshot.manifest.users.filter { $0.clients.contains(client) }.map {
            ExportDocument.User(
                username: $0.username, name: $0.name, email: $0.email,
                account: try store.account($0.username)?.state.rawValue ?? "not invited")
        }
        let document = ExportDocument(
            format: "careportal-export-1", generatedAt: Self.stamp(settings.clock().seconds),
            client: .init(id: client, name: entry?.name), users: users,
            messages: messages.map { message in
                .init(
                    entry: self.entry(message),
                    seenByStaffAt: message.seenAt.map(Self.stamp))
            },
            readMarks: marks.map {
                .init(
                    username: $0.username, item: $0.item, readAt: Self.stamp($0.readAt),
                    messages: $0.messages)
            },
            conversationMails: try store.noticedConversations(client: client).map {
                .init(conversation: $0.key, at: Self.stamp($0.at))
            },
            audit: audit.reversed().map(ExportDocument.Event.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    static func stamp(_ seconds: Int64) -> String {
        UTCStamp.iso8601(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

/// The shape of `careportal export`; `format` names its version.
struct ExportDocument: Encodable {
    struct Client: Encodable {
        var id: String
        var name: String?
    }

    struct User: Encodable {
        var username: String
        var name: String
        var email: String
        var account: String
    }

    struct Message: Encodable {
        var entry: InboxEntry
        var seenByStaffAt: String?

        func encode(to encoder: Encoder) throws {
            try entry.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(seenByStaffAt, forKey: .seen)
        }

        enum Key: String, CodingKey {
            case seen = "seen_by_staff_at"
        }
    }

    struct Mark: Encodable {
        var username: String
        var item: String
        var readAt: String
        var messages: Int

        enum CodingKeys: String, CodingKey {
            case username, item, messages
            case readAt = "read_at"
        }
    }

    struct Mail: Encodable {
        var conversation: String
        var at: String
    }

    struct Event: Encodable {
        var at: String
        var event: String
        var username: String?
        var target: String?
        var address: String?
        var detail: String?

        init(_ event: AuditEvent) {
            at = Administration.stamp(event.at)
            self.event = event.event
            username = event.username
            target = event.target
            address = event.address
            detail = event.detail
        }
    }

    var format: String
    var generatedAt: String
    var client: Client
    var users: [User]
    var messages: [Message]
    var readMarks: [Mark]
    var conversationMails: [Mail]
    var audit: [Event]

    enum CodingKeys: String, CodingKey {
        case format, client, users, messages, audit
        case generatedAt = "generated_at"
        case readMarks = "read_marks"
        case conversationMails = "conversation_mails"
    }
}
