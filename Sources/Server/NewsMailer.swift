import Foundation
import Store
import Support
import Synchronization

/// Mails the users of a client when a build brings a new conversation: once per conversation
/// and user, ever, whatever restarts, rebuilds and renamed files come after.
///
/// It looks at each build once, at start and then every few seconds, outside the request path.
/// The database decides what is news (`StateStore.claimNews`) and commits that before the mails
/// are queued.
///
/// Known limit: a crash between that commit and the queueing loses those mails rather than
/// sending them twice; the conversation is still in the portal, unread.
final class NewsMailer: Sendable {
    private let store: StateStore
    private let directory: SiteDirectory
    private let notifier: Notifier
    private let settings: ServerSettings
    private let logger: Logger
    private let checked = Mutex<String?>(nil)
    private let periodic = Mutex<Periodic?>(nil)

    init(
        store: StateStore, directory: SiteDirectory, notifier: Notifier,
        settings: ServerSettings, logger: Logger
    ) {
        self.store = store
        self.directory = directory
        self.notifier = notifier
        self.settings = settings
        self.logger = logger
        check()
        let started = Periodic(
            name: "careportal-news", interval: settings.buildCheckInterval
        ) { [self] in check() }
        periodic.withLock { $0 = started }
    }

    func stop() {
        periodic.withLock { $0 }?.stop()
    }

    /// Looks at the current build if it was not looked at yet.
    func check() {
        guard let snapshot = try? directory.snapshot(),
            checked.withLock({ $0 }) != snapshot.build
        else { return }
        do {
            try mail(news(in: snapshot), snapshot: snapshot)
            checked.withLock { $0 = snapshot.build }
        } catch {
            logger.error("cannot check for new conversations", ["error": "\(error)"])
        }
    }

    private func news(in snapshot: SiteSnapshot) throws -> [ConversationNews] {
        let conversations = snapshot.manifest.clients.flatMap { client in
            client.conversations.map {
                ConversationCount(
                    client: client.id, key: $0.key, messages: $0.messageTimes.count)
            }
        }
        return try store.claimNews(
            conversations, everyMessage: snapshot.manifest.portal.mailEveryMessage ?? false,
            now: settings.clock())
    }

    private func mail(_ news: [ConversationNews], snapshot: SiteSnapshot) throws {
        for item in news {
            let client = item.conversation.client
            let users = snapshot.manifest.users.filter { $0.clients.contains(client) }
            var sent = 0
            for user in users where try store.account(user.username)?.state == .active {
                if notifier.news(user.username, isNew: item.isNew, snapshot: snapshot) {
                    sent += 1
                }
            }
            logger.info(
                "conversation mail",
                ["client": client, "new": "\(item.isNew)", "mails": String(sent)])
        }
    }
}
