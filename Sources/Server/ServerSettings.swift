import Foundation

/// How the server runs; every value checked at start-up, not at first use.
public struct ServerSettings: Sendable {
    /// The `site` link the build publishes.
    public var site: URL
    /// The folder holding the database, the key and the outbox.
    public var state: URL
    public var host = "127.0.0.1"
    public var port: UInt16 = 8080
    /// A session ends after this long without a request.
    public var idleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after login, however busy.
    public var absoluteLifetime: TimeInterval = 12 * 3600
    /// How long an enrolment (from the activation link to the password) may take.
    public var enrolmentLifetime: TimeInterval = 30 * 60
    /// How long an activation link stays valid.
    public var invitationValidity: TimeInterval = 7 * 24 * 3600
    /// How long audit events are kept; older ones are deleted by the server. Nil keeps them
    /// for ever. Five years by default, a common reading of NEN 7513's "as long as needed".
    public var auditRetention: TimeInterval? = 5 * 365.25 * 24 * 3600
    /// How long an ended session (logged out, expired, idle, ended by a reset) is kept: who
    /// and when, without its secrets. Zero, the default, removes it at the next sweep (every
    /// ten minutes); the audit log holds the logins and logouts for its own retention.
    public var sessionRetention: TimeInterval = 0
    /// How long buffered page-view audit events may wait before they are written.
    public var auditFlushInterval: TimeInterval = 1
    /// How often queued mail is tried again when an SMTP server is configured.
    public var mailInterval: TimeInterval = 30
    /// How often the server looks for a new build, to mail about new conversations.
    public var buildCheckInterval: TimeInterval = 2
    /// Proxies whose `X-Forwarded-For` is believed (their addresses, such as `127.0.0.1`);
    /// from anyone else the header is ignored, since a client can send it too.
    public var trustedProxies: Set<String> = []
    /// The key that seals authenticator secrets, base64url; nil reads `state/secret.key`.
    public var secretKey: String?
    public var clock: @Sendable () -> Date = { Date() }

    public init(site: URL, state: URL) {
        self.site = site
        self.state = state
    }
}
