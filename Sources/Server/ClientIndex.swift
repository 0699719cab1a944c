import Site

/// The items of one client in a build, indexed the ways a request needs them: by id for the
/// slots of a page, by URL to mark the item opened, and by kind for the counts.
struct ClientIndex: Sendable {
    struct Item: Sendable {
        let id: String
        /// `documents`, `reports` or `conversations`: the name the page slots use.
        let kind: String
        let title: String
        /// The care workers' messages in a conversation; 0 for other items.
        let messages: Int
    }

    let items: [String: Item]
    /// Page or file URL → item id.
    let byURL: [String: String]
    /// Kind → the ids of its items.
    let byKind: [String: [String]]

    static let empty = ClientIndex(items: [:], byURL: [:], byKind: [:])

    private init(
        items: [String: Item], byURL: [String: String], byKind: [String: [String]]
    ) {
        self.items = items
        self.byURL = byURL
        self.byKind = byKind
    }

    init(_ entry: Manifest.ClientEntry) {
        var counts: [String: Int] = [:]
        for conversation in entry.conversations {
            counts[conversation.id] = conversation.messageTimes.count
        }
        var items: [String: Item] = [:]
        var byURL: [String: String] = [:]
        var byKind: [String: [String]] = [:]
        for item in entry.items {
            let kind = item.kind + "s"
            items[item.id] = Item(
                id: item.id, kind: kind, title: item.title, messages: counts[item.id] ?? 0)
            byURL[item.url] = item.id
            byKind[kind, default: []].append(item.id)
        }
        self.items = items
        self.byURL = byURL
        self.byKind = byKind
    }

    /// Unread: never opened, or a conversation with more messages than when last opened.
    func isUnread(_ id: String, marks: [String: ReadState.Seen]) -> Bool {
        guard let item = items[id] else { return false }
        guard let seen = marks[id] else { return true }
        return item.messages > seen.messages
    }
}
