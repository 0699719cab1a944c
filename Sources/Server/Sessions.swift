import Crypto
import Foundation
import HTTP
import Store
import Support
import Synchronization

/// Session cookies: a random 256-bit id in the cookie, only its SHA-256 in the database.
struct Sessions: Sendable {
    let store: StateStore
    let settings: ServerSettings
    /// `__Host-` demands `Secure`, which a plain-http demo cannot set, so the demo uses a
    /// plain name.
    let secure: Bool
    let cache = SessionCache()
    let touches: SessionTouches

    init(store: StateStore, settings: ServerSettings, secure: Bool, logger: Logger) {
        self.store = store
        self.settings = settings
        self.secure = secure
        touches = SessionTouches(
            store: store, interval: settings.auditFlushInterval, logger: logger)
    }

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
        // A touch not yet written counts: the stored time may be older than the last visit.
        let lastSeen = max(session.lastSeen, touches.pending(session.idHash) ?? 0)
        guard session.expiresAt > time, lastSeen + idle > time else {
            end(session.idHash)
            return nil
        }
        if time - lastSeen >= 60 { touches.add(session.idHash, at: time) }
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
        try? store.endSession(idHash, now: settings.clock())
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

/// Last-seen times written behind, with the next group commit, so that a page view never waits
/// on a disk sync.
///
/// Known limit: a crash loses the touches of at most the last `interval` seconds, so such a
/// session may time out up to a minute early; that errs on the safe side.
final class SessionTouches: Sendable {
    private let store: StateStore
    private let logger: Logger
    private let pending = Mutex<[[UInt8]: Int64]>([:])
    private let writer = Mutex<Periodic?>(nil)

    init(store: StateStore, interval: TimeInterval, logger: Logger) {
        self.store = store
        self.logger = logger
        let periodic = Periodic(name: "careportal-sessions", interval: interval) { [self] in
            flush()
        }
        writer.withLock { $0 = periodic }
    }

    /// The time waiting to be written for this session, if any.
    func pending(_ idHash: [UInt8]) -> Int64? {
        pending.withLock { $0[idHash] }
    }

    func add(_ idHash: [UInt8], at time: Int64) {
        pending.withLock { $0[idHash] = max($0[idHash] ?? 0, time) }
    }

    /// Writes the pending times, and only then forgets them, so that a session looked up
    /// meanwhile still sees its last visit.
    func flush() {
        let batch = pending.withLock { $0 }
        guard !batch.isEmpty else { return }
        do {
            try store.touch(batch)
            pending.withLock { touches in
                for (idHash, time) in batch where touches[idHash] == time {
                    touches.removeValue(forKey: idHash)
                }
            }
        } catch {
            logger.error(
                "cannot write session times; retried with the next batch",
                ["error": "\(error)", "waiting": "\(batch.count)"])
        }
    }

    /// Writes what is buffered and stops the writer.
    func stop() {
        writer.withLock { $0 }?.stop()
    }
}
