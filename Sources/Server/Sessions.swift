import Crypto
import Foundation
import HTTP
import Store

/// Session cookies: a random 256-bit id in the cookie, only its SHA-256 in the database.
struct Sessions: Sendable {
    let store: StateStore
    let settings: ServerSettings
    /// `__Host-` demands `Secure`, which a plain-http demo cannot set, so the demo uses a
    /// plain name.
    let secure: Bool

    var cookieName: String { secure ? "__Host-careportal" : "careportal" }

    /// The session a request carries, if it is alive; touches it at most once a minute.
    func current(_ request: HTTPRequest, now: Date) -> SessionRecord? {
        guard let id = Cookies.value(cookieName, in: request.headers(named: "cookie")),
            let raw = Base64URL.decode(id), raw.count == 32,
            let session = try? store.session(SHA256.hash(raw))
        else { return nil }
        let time = now.seconds
        let idle =
            session.kind == .login ? Int64(settings.idleTimeout) : Int64(settings.enrolmentLifetime)
        guard session.expiresAt > time, session.lastSeen + idle > time else {
            try? store.deleteSession(session.idHash)
            return nil
        }
        if time - session.lastSeen >= 60 { try? store.touch(session.idHash, now: now) }
        return session
    }

    /// A new session record and the cookie value that names it.
    func make(
        username: String, kind: SessionRecord.Kind, step: String? = nil,
        pendingSecret: [UInt8]? = nil, now: Date
    ) -> (record: SessionRecord, cookie: String) {
        let raw = SecureRandom.bytes(32)
        let lifetime = kind == .login ? settings.absoluteLifetime : settings.enrolmentLifetime
        let record = SessionRecord(
            idHash: SHA256.hash(raw), username: username, kind: kind, step: step,
            pendingSecret: pendingSecret, csrf: Base64URL.encode(SecureRandom.bytes(24)),
            createdAt: now.seconds, lastSeen: now.seconds,
            expiresAt: now.seconds + Int64(lifetime))
        return (record, Base64URL.encode(raw))
    }

    /// The `Set-Cookie` value for a session id.
    func cookie(_ value: String) -> String {
        var attributes = "\(cookieName)=\(value); Path=/; HttpOnly; SameSite=Lax"
        if secure { attributes += "; Secure" }
        return attributes
    }

    /// Tells the browser to forget the session cookie.
    var clearedCookie: String {
        var attributes = "\(cookieName)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        if secure { attributes += "; Secure" }
        return attributes
    }
}

extension Date {
    var seconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
}
