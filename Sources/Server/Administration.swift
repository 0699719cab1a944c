import Crypto
import Foundation
import Store
import Support

/// What the admin does from the command line: invite, reset, unlock, list accounts, read the
/// audit log. Works on the same state as the server, which may be running.
public struct Administration {
    let settings: ServerSettings
    let store: StateStore
    let snapshot: SiteSnapshot
    let notifier: Notifier

    public init(settings: ServerSettings, logger: Logger) throws {
        self.settings = settings
        store = try StateStore(folder: settings.state)
        do {
            snapshot = try SiteDirectory(link: settings.site.path).snapshot()
        } catch {
            throw ServerError.noSite(
                "no built site at \(settings.site.path); run 'careportal build' first")
        }
        notifier = Notifier(state: settings.state, logger: logger)
    }

    /// Creates a single-use activation link and mails it; returns the link for the admin.
    @discardableResult
    public func invite(_ username: String, reset: Bool = false) throws -> String {
        guard snapshot.users[username] != nil else { throw ServerError.unknownUser(username) }
        if !reset, try store.account(username)?.state == .active {
            throw ServerError.configuration(
                "\(username) is already active; to start again use 'careportal reset \(username)'")
        }
        let now = settings.clock()
        let raw = SecureRandom.bytes(16)
        try store.invite(
            username, tokenHash: SHA256.hash(raw), now: now,
            validFor: settings.invitationValidity, reset: reset)
        let token = Base64URL.encode(raw)
        try store.record([
            AuditEvent(at: now, event: reset ? "reset" : "invited", username: username)
        ])
        if reset {
            notifier.notice(
                username, subject: "mail_reset_subject", text: "mail_reset_text",
                snapshot: snapshot)
        }
        notifier.invitation(
            username, token: token, expires: now.addingTimeInterval(settings.invitationValidity),
            snapshot: snapshot)
        return "\(snapshot.manifest.portal.baseURL)/activate/\(token)"
    }

    public func unlock(_ username: String) throws {
        guard try store.account(username) != nil else { throw ServerError.unknownUser(username) }
        try store.setLocked(username, false, now: settings.clock())
        try store.record([AuditEvent(at: settings.clock(), event: "unlocked", username: username)])
    }

    /// One line per account: the state, and whether the content still lists the user.
    public func users() throws -> [AccountSummary] {
        let accounts = try store.accounts()
        var summaries = accounts.map { account in
            AccountSummary(
                username: account.username,
                state: snapshot.users[account.username] == nil
                    ? "removed"
                    : account.locked ? "locked" : account.state.rawValue,
                clients: snapshot.users[account.username]?.clients ?? [])
        }
        let known = Set(accounts.map(\.username))
        for user in snapshot.manifest.users where !known.contains(user.username) {
            summaries.append(
                AccountSummary(
                    username: user.username, state: "not invited",
                    clients: user.clients))
        }
        return summaries.sorted { $0.username < $1.username }
    }

    public func audit(client: String?, username: String?, limit: Int) throws -> [AuditEvent] {
        try store.auditEvents(client: client, username: username, limit: limit)
    }
}

/// An account as `careportal users` lists it.
public struct AccountSummary: Sendable, Equatable {
    public var username: String
    /// invited, active, locked, removed (from the content) or not invited.
    public var state: String
    public var clients: [String]
}
