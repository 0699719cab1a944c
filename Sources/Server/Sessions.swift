import Crypto
import Foundation
import HTTP
import Store
import Synchronization

/// Session cookies: a random 256-bit id in the cookie, only its SHA-256 in the database.
struct Sessions: Sendable {
    let store: StateStore
    let settings: ServerSettings
    /// `__Host-` demands `Secure`, which a plain-http demo cannot set, so the demo uses a
    /// plain name.
    let secure: Bool
    let cache = SessionCache()

    var cookieName: String { secure ? "__Host-careportal" : "careportal" }

    /// The session a request carries, if it is alive; touches it at most once a minute.
    func current(_ request: HTTPRequest, now: Date) -> SessionRecord? {
        guard let id = Cookies.value(cookieName, in: request.headers(named: "cookie")),
            let raw = Base64URL.decode(id), raw.count == 32,
            let session = lookUp(SHA256.hash(raw), now: now)
        else { return nil }
        let time = now.seconds
        let idle =
            session.kind == .login ? Int64(settings.idleTimeout) : Int64(settings.enrolmentLifetime)
        guard session.expiresAt > time, session.lastSeen + idle > time else {
            end(session.idHash)
            return nil
        }
        if time - session.lastSeen >= 60 { try? store.touch(session.idHash, now: now) }
        return session
    }

    /// The stored session, from a cache that is at most a second old.
    ///
    /// Known limit: a session ended by another process (`careportal reset`) may still be
    /// honoured for up to one second; sessions ended by this server are dropped at once.
    private func lookUp(_ idHash: [UInt8], now: Date) -> SessionRecord? {
        if let cached = cache.get(idHash, now: now) { return cached }
        guard let session = try? store.session(idHash) else { return nil }
        cache.put(session, now: now)
        return session
    }

    /// Ends a session in the database and in the cache.
    func end(_ idHash: [UInt8]) {
        cache.remove(idHash)
        try? store.deleteSession(idHash)
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

/// Recently read sessions by id hash, each kept for one second.
final class SessionCache: Sendable {
    private struct Entries {
        var byHash: [[UInt8]: (session: SessionRecord, read: Date)] = [:]
        var swept = Date.distantPast
    }

    private let entries = Mutex(Entries())

    func get(_ idHash: [UInt8], now: Date) -> SessionRecord? {
        entries.withLock { entries in
            guard let entry = entries.byHash[idHash], now.timeIntervalSince(entry.read) < 1,
                now >= entry.read
            else { return nil }
            return entry.session
        }
    }

    /// Keeps `session` for a second. Once a second, entries older than that are swept out,
    /// so the cache holds about the sessions of the last second, not every session seen.
    func put(_ session: SessionRecord, now: Date) {
        entries.withLock { entries in
            if now.timeIntervalSince(entries.swept) >= 1 {
                entries.byHash = entries.byHash.filter { now.timeIntervalSince($0.value.read) < 1 }
                entries.swept = now
            }
            if entries.byHash.count >= 10_000 { entries.byHash.removeAll(keepingCapacity: true) }
            entries.byHash[session.idHash] = (session, now)
        }
    }

    func remove(_ idHash: [UInt8]) {
        _ = entries.withLock { $0.byHash.removeValue(forKey: idHash) }
    }

    func removeAll() {
        entries.withLock { $0.byHash.removeAll() }
    }
}
