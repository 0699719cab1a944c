import Foundation
import Mail
import Mustache
import SMTP
import Support
import Synchronization

/// The mails careportal sends: invitations and notices, always through the outbox, never with
/// care content in them.
final class Notifier: Sendable {
    let outbox: Outbox?
    private let logger: Logger
    private let worker: Mutex<OutboxWorker?> = Mutex(nil)

    init(state: URL, logger: Logger) {
        self.logger = logger
        outbox = try? Outbox(folder: state.appendingPathComponent("outbox"))
    }

    /// Starts delivering over SMTP when the site names a server; without one, messages stay
    /// in the outbox folder as `.eml` files.
    func startDelivery(smtp: String?, interval: TimeInterval) {
        guard let outbox, let smtp else { return }
        let started = OutboxWorker(
            outbox: outbox, server: SMTPServer(url: smtp), interval: interval,
            onReport: { [logger] report in
                logger.info("mail delivery", ["report": "\(report)"])
            })
        started.start()
        worker.withLock { $0 = started }
    }

    func stopDelivery() {
        worker.withLock { $0 }?.stop()
    }

    /// The invitation: username and activation link, from the organisation.
    @discardableResult
    func invitation(
        _ username: String, token: String, expires: Date, snapshot: SiteSnapshot
    ) -> Bool {
        let base = snapshot.manifest.portal.baseURL
        let expiry = snapshot.calendar.dayText(of: expires, strings: snapshot)
        return send(
            username, subject: "mail_invitation_subject", template: "mail-invitation",
            values: [
                "link": .string("\(base)/activate/\(token)"), "expires": .string(expiry),
            ], snapshot: snapshot)
    }

    /// A short notice with the login link: a password was set, an account was reset.
    @discardableResult
    func notice(
        _ username: String, subject: String, text: String, snapshot: SiteSnapshot
    ) -> Bool {
        send(
            username, subject: subject, template: "mail-notice",
            values: [
                "text": .string(snapshot.text(text)),
                "link": .string("\(snapshot.manifest.portal.baseURL)/login"),
            ], snapshot: snapshot)
    }

    /// That a care worker started a conversation (or, with `isNew` false, added a message):
    /// only that, and the login link; what it says stays in the portal.
    @discardableResult
    func news(_ username: String, isNew: Bool, snapshot: SiteSnapshot) -> Bool {
        send(
            username, subject: "mail_news_subject", template: "mail-news",
            values: [
                "text": .string(snapshot.text(isNew ? "mail_news_text" : "mail_news_message_text")),
                "link": .string("\(snapshot.manifest.portal.baseURL)/login"),
            ], snapshot: snapshot)
    }

    private func send(
        _ username: String, subject: String, template: String,
        values: [String: MustacheValue], snapshot: SiteSnapshot
    ) -> Bool {
        guard let outbox, let user = snapshot.users[username] else { return false }
        var data = values
        data["name"] = .string(user.name)
        data["username"] = .string(username)
        do {
            let from = try MailAddress(
                parsing: snapshot.manifest.portal.mailFrom
                    ?? "\(snapshot.manifest.portal.organisation) <portal@localhost>",
                field: "mail.from")
            let message = try MailMessage(
                from: from, to: MailAddress(user.email, displayName: user.name),
                subject: snapshot.text(subject), text: snapshot.render(template, data),
                date: Date())
            _ = try outbox.enqueue(message)
            worker.withLock { $0 }?.wake()
            return true
        } catch {
            logger.error("cannot queue mail", ["user": username, "error": "\(error)"])
            return false
        }
    }
}

extension PortalCalendar {
    /// `10 december 2026` in the portal's language.
    func dayText(of date: Date, strings snapshot: SiteSnapshot) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let month = snapshot.text("month_\(parts.month ?? 1)")
        return "\(parts.day ?? 1) \(month) \(parts.year ?? 1970)"
    }
}
