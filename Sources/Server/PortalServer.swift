import Argon2
import Crypto
import Foundation
import HTTP
import Store
import Support
import Synchronization

/// The gate in front of the site: answers every request, deciding who may see what.
public final class PortalServer: Sendable {
    let settings: ServerSettings
    let store: StateStore
    let directory: SiteDirectory
    let sessions: Sessions
    let box: SecretBox
    let audit: AuditLog
    let logger: Logger
    let notifier: Notifier
    let housekeeping: Housekeeping
    let readState: ReadState
    let board: MessageBoard
    let news: NewsMailer
    /// Checked when the username is unknown, so a failed login takes the same time either way.
    let dummyHash: String
    /// Held while serving: no second server and no restore on the same state meanwhile.
    private let lock: Mutex<StateLock?>

    public init(settings: ServerSettings, logger: Logger) throws {
        self.settings = settings
        self.logger = logger
        lock = Mutex(try StateLock(folder: settings.state))
        store = try StateStore(folder: settings.state)
        directory = SiteDirectory(link: settings.site.path)
        let snapshot = try directory.snapshot()
        let secure = snapshot.manifest.portal.baseURL.hasPrefix("https://")
        sessions = Sessions(store: store, settings: settings, secure: secure, logger: logger)
        box = try SecretBox(key: SecretKey.load(state: settings.state, given: settings.secretKey))
        audit = AuditLog(store: store, interval: settings.auditFlushInterval, logger: logger)
        notifier = Notifier(state: settings.state, logger: logger)
        housekeeping = Housekeeping(store: store, settings: settings, logger: logger)
        readState = ReadState(store: store, interval: settings.auditFlushInterval, logger: logger)
        board = MessageBoard(store: store, logger: logger)
        news = NewsMailer(
            store: store, directory: directory, notifier: notifier, settings: settings,
            logger: logger)
        notifier.startDelivery(
            smtp: snapshot.manifest.portal.smtp, interval: settings.mailInterval)
        dummyHash = PasswordHash.make(
            password: "not a password", random: { SecureRandom.bytes(16) })
    }

    /// Writes what is buffered; call before the process ends.
    public func shutdown() {
        news.stop()
        sessions.touches.stop()
        readState.stop()
        audit.stop()
        notifier.stopDelivery()
        housekeeping.stop()
        lock.withLock { $0 = nil }
    }

    /// Answers one request. Never throws: an unexpected error is a 500 page, with the detail
    /// only in the log.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = Date()
        let now = settings.clock()
        var user: String?
        var response: HTTPResponse
        let address = ForwardedAddress.client(of: request, trusting: settings.trustedProxies)
        do {
            let snapshot = try directory.snapshot()
            var context = RequestContext(request: request, now: now, snapshot: snapshot)
            context.address = address
            context.session = sessions.current(request, now: now)
            response = route(&context)
            user = context.session?.username
            response.headers += context.setCookies.map { ("Set-Cookie", $0) }
        } catch {
            logger.error("site unavailable", ["error": "\(error)"])
            response = Responses.plain(503, "The portal is being updated. Try again shortly.")
        }
        finish(&response, request: request)
        let elapsed = Date().timeIntervalSince(started)
        audit.metrics.request(status: response.status, seconds: elapsed)
        log(request, response, user: user, address: address, started: started)
        return response
    }

    private func finish(_ response: inout HTTPResponse, request: HTTPRequest) {
        response.headers += Responses.securityHeaders
        if sessions.secure {
            response.headers.append(("Strict-Transport-Security", "max-age=31536000"))
        }
        if response.header("Cache-Control") == nil {
            response.headers.append(("Cache-Control", "no-store"))
        }
    }

    /// The path as logged: an activation link's token is a secret and never reaches the log.
    static func loggable(_ path: String) -> String {
        if path.hasPrefix("/activate/") && path.count > "/activate/".count
            && !["/activate/confirm", "/activate/finish", "/activate/password"].contains(path)
        {
            return "/activate/[token]"
        }
        return String(path.prefix(200))
    }

    private func log(
        _ request: HTTPRequest, _ response: HTTPResponse, user: String?, address: String,
        started: Date
    ) {
        let path = Self.loggable(request.rawPath)
        let elapsed = Date().timeIntervalSince(started)
        logger.info(
            "request",
            [
                "http.method": request.method, "http.path": path,
                "http.status": String(response.status),
                "http.bytes": String(response.bodyLength),
                "duration_ms": Logger.milliseconds(elapsed), "user": user ?? "-",
                "client.address": address,
            ])
    }
}

/// What one request carries through the handlers.
struct RequestContext {
    let request: HTTPRequest
    let now: Date
    let snapshot: SiteSnapshot
    var session: SessionRecord?
    var setCookies: [String] = []
    /// The client's address: the peer's, or the one a trusted proxy forwarded.
    var address: String

    init(request: HTTPRequest, now: Date, snapshot: SiteSnapshot) {
        self.request = request
        self.now = now
        self.snapshot = snapshot
        address = request.clientAddress
    }

    var loggedIn: SessionRecord? {
        guard let session, session.kind == .login,
            snapshot.users[session.username] != nil
        else { return nil }
        return session
    }

    /// The form of a POST; nil when it is not a well-formed urlencoded body.
    var form: FormData? {
        FormData(encoded: request.body)
    }

    var query: FormData {
        FormData(pairs: request.rawQuery)
    }
}
