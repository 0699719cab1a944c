import Foundation
import Store
import Support
import Synchronization

/// The comments and replies users wrote, per client, kept in memory in front of the database.
///
/// A post is written with a disk sync before it is acknowledged; then the client's cached
/// list is dropped and read again by the next page that needs it.
final class MessageBoard: Sendable {
    /// One client's messages by item, and the version they were read at.
    struct Board: Sendable {
        var version: Int
        var byItem: [String: [PortalMessage]]
        var count = 0
    }

    private struct Cache {
        var versions: [String: Int] = [:]
        var boards: [String: Board] = [:]
        /// How many messages the boards hold together, for the budget.
        var messages = 0
    }

    private let store: StateStore
    private let logger: Logger
    private let cache = Mutex(Cache())
    /// At most this many messages in memory; past it the boards are read again as needed.
    private let budget = 10_000

    init(store: StateStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// The client's messages, oldest first per item.
    func board(_ client: String) -> Board {
        let version = cache.withLock { cache -> Int in
            cache.versions[client, default: 0]
        }
        if let board = cache.withLock({ $0.boards[client] }), board.version == version {
            return board
        }
        var board = Board(version: version, byItem: [:])
        do {
            for message in try store.messages(client: client) {
                board.byItem[message.item, default: []].append(message)
                board.count += 1
            }
        } catch {
            logger.error("cannot read messages", ["client": client, "error": "\(error)"])
            return board
        }
        cache.withLock { cache in
            // Kept only if no post came in while it loaded; else the next request reloads.
            guard cache.versions[client, default: 0] == version else { return }
            if cache.messages + board.count > budget {
                cache.boards.removeAll(keepingCapacity: true)
                cache.messages = 0
            }
            cache.boards[client] = board
            cache.messages += board.count
        }
        return board
    }

    /// Stores a message once per form token and returns it; see `StateStore.add`.
    func post(_ message: PortalMessage, formToken: String) throws -> (PortalMessage, Bool) {
        let result = try store.add(message, formToken: formToken)
        if result.isNew {
            cache.withLock { cache in
                cache.versions[message.client, default: 0] += 1
                if let dropped = cache.boards.removeValue(forKey: message.client) {
                    cache.messages -= dropped.count
                }
            }
        }
        return result
    }
}
