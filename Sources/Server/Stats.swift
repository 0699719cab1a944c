import Foundation
import Store

/// `careportal stats`: the state of the portal in a few numbers, for the admin.
public struct PortalStats: Sendable {
    /// State (`active`, `invited`, `locked`, `not invited`, `removed`) → number of accounts.
    public var accounts: [String: Int]
    /// Audit events of the last 24 hours: `login`, `login_failed`, `lockout`.
    public var lastDay: [String: Int]
    public var mailQueued: Int
    /// Comments and replies no care worker has listed with `careportal inbox` yet.
    public var unseenMessages: Int
    /// Client → active user → items that user has not read.
    public var unread: [String: [String: Int]]
}

extension Administration {
    public func stats() throws -> PortalStats {
        let users = try self.users()
        let now = settings.clock()
        let counts = try store.auditCounts(since: now.addingTimeInterval(-24 * 3600))
        let unseen = try store.unseenMessages(client: nil, markSeen: false, now: now).count
        return PortalStats(
            accounts: Dictionary(grouping: users, by: \.state).mapValues(\.count),
            lastDay: ["login", "login_failed", "lockout"].reduce(into: [:]) {
                $0[$1] = counts[$1, default: 0]
            },
            mailQueued: (try? notifier.outbox?.pending().count) ?? 0,
            unseenMessages: unseen,
            unread: try unread(active: Set(users.filter { $0.state == "active" }.map(\.username))))
    }

    private func unread(active: Set<String>) throws -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for user in snapshot.manifest.users where active.contains(user.username) {
            for client in user.clients {
                guard let index = snapshot.indexes[client] else { continue }
                var marks: [String: ReadState.Seen] = [:]
                for mark in try store.readMarks(username: user.username, client: client) {
                    marks[mark.item] = ReadState.Seen(at: mark.readAt, messages: mark.messages)
                }
                result[client, default: [:]][user.username] =
                    index.items.keys.count { index.isUnread($0, marks: marks) }
            }
        }
        return result
    }
}
