import Foundation
import SQLite

/// One entry of the audit log: who did what, to which client's record, from where.
public struct AuditEvent: Sendable, Equatable {
    public var at: Int64
    public var event: String
    public var username: String?
    public var client: String?
    /// What was viewed or changed: a page, a file, an item id.
    public var target: String?
    public var address: String?
    public var detail: String?

    public init(
        at: Date, event: String, username: String? = nil, client: String? = nil,
        target: String? = nil, address: String? = nil, detail: String? = nil
    ) {
        self.at = at.seconds
        self.event = event
        self.username = username
        self.client = client
        self.target = target
        self.address = address
        self.detail = detail
    }

    init?(_ row: Row) {
        guard let at = row.int("at"), let event = row.text("event") else { return nil }
        self.at = at
        self.event = event
        username = row.text("username")
        client = row.text("client")
        target = row.text("target")
        address = row.text("address")
        detail = row.text("detail")
    }
}

extension StateStore {
    /// Writes events in one transaction: one disk sync for the whole batch.
    public func record(_ events: [AuditEvent]) throws {
        guard !events.isEmpty else { return }
        try database.transaction { tx in
            for event in events {
                try tx.run(
                    """
                    INSERT INTO audit (at, event, username, client, target, address, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(event.at), .text(event.event), optional(event.username),
                        optional(event.client), optional(event.target), optional(event.address),
                        optional(event.detail),
                    ])
            }
        }
    }

    /// Removes events older than `cutoff`; returns how many went.
    @discardableResult
    public func deleteAuditEvents(before cutoff: Date) throws -> Int {
        try database.run("DELETE FROM audit WHERE at < ?", [.integer(cutoff.seconds)])
    }

    /// How many events of each name happened since `since`.
    public func auditCounts(since: Date) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try reader.query(
            "SELECT event, count(*) AS n FROM audit WHERE at >= ? GROUP BY event",
            [.integer(since.seconds)])
        {
            if let event = row.text("event"), let count = row.int("n") {
                counts[event] = Int(count)
            }
        }
        return counts
    }

    /// The newest events first, filtered by client and user when given.
    public func auditEvents(client: String?, username: String?, limit: Int) throws
        -> [AuditEvent]
    {
        try database.query(
            """
            SELECT * FROM audit
            WHERE (?1 IS NULL OR client = ?1) AND (?2 IS NULL OR username = ?2)
            ORDER BY at DESC, id DESC LIMIT ?3
            """,
            [optional(client), optional(username), .integer(Int64(limit))]
        ).compactMap(AuditEvent.init)
    }
}

func optional(_ text: String?) -> SQLValue {
    text.map(SQLValue.text) ?? .null
}
