import Foundation
import Store
import Support
import Synchronization

/// Who has opened what: per user and client, each item's read mark.
///
/// Kept in memory in front of the database, because every page view asks and most views
/// change nothing. A changed mark is written behind, with the next group commit.
///
/// Known limit: a crash loses the marks of at most the last `interval` seconds; those items
/// show as unread once more, which is harmless, while a disk sync per page view is not.
final class ReadState: Sendable {
    /// What a user has seen of one item.
    struct Seen: Sendable {
        var at: Int64
        /// The care workers' messages a conversation had then; 0 for other items.
        var messages: Int
    }

    private let store: StateStore
    private let logger: Logger
    /// `username NUL client` → item → mark. Bounded: past `limit` entries it starts over.
    private let cache = Mutex<[String: [String: Seen]]>([:])
    private let pending = Mutex<[ReadMark]>([])
    private let limit = 20_000
    private let writer = Mutex<Periodic?>(nil)

    init(store: StateStore, interval: TimeInterval, logger: Logger) {
        self.store = store
        self.logger = logger
        let periodic = Periodic(name: "careportal-read-marks", interval: interval) { [self] in
            flush()
        }
        writer.withLock { $0 = periodic }
    }

    /// The user's marks for the client's items.
    func marks(_ username: String, client: String) -> [String: Seen] {
        let key = username + "\u{0}" + client
        if let known = cache.withLock({ $0[key] }) { return known }
        var loaded: [String: Seen] = [:]
        do {
            for mark in try store.readMarks(username: username, client: client) {
                loaded[mark.item] = Seen(at: mark.readAt, messages: mark.messages)
            }
        } catch {
            logger.error("cannot read read marks", ["user": username, "error": "\(error)"])
            return [:]
        }
        return cache.withLock { cache in
            if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
            // A view recorded while this loaded wins over what was loaded.
            let merged = loaded.merging(cache[key] ?? [:]) { $0.messages > $1.messages ? $0 : $1 }
            cache[key] = merged
            return merged
        }
    }

    /// Records that the user opened `item`, holding `messages` care-worker messages, at `now`.
    func markRead(_ username: String, client: String, item: String, messages: Int, now: Date) {
        let key = username + "\u{0}" + client
        if let seen = marks(username, client: client)[item], seen.messages >= messages { return }
        let seen = Seen(at: now.seconds, messages: messages)
        cache.withLock { $0[key, default: [:]][item] = seen }
        let mark = ReadMark(
            username: username, client: client, item: item, readAt: seen.at, messages: messages)
        pending.withLock { $0.append(mark) }
    }

    func flush() {
        let batch = pending.withLock { marks in
            defer { marks.removeAll(keepingCapacity: true) }
            return marks
        }
        do {
            try store.save(batch)
        } catch {
            logger.error(
                "cannot write read marks", ["error": "\(error)", "lost": "\(batch.count)"])
        }
    }

    /// Writes what is buffered and stops the writer.
    func stop() {
        writer.withLock { $0 }?.stop()
    }
}
