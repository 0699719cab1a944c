import Accounts
import Argon2
import Crypto
import Foundation
import HTTP
import Mustache
import Store

extension PortalServer {
    static let loginCookie = "careportal_form"

    /// The login form, with a fresh form token in a cookie and the page (double submit), so
    /// another site cannot post a login in the user's name.
    func loginPage(
        _ context: inout RequestContext, status: Int = 200, error: Bool = false,
        username: String = ""
    ) -> HTTPResponse {
        if let session = context.loggedIn, !error {
            return Responses.redirect(landing(for: session.username, context.snapshot))
        }
        let token = Base64URL.encode(SecureRandom.bytes(24))
        context.setCookies.append(formCookie(token))
        let query = context.query
        var data: [String: MustacheValue] = [
            "csrf": .string(token), "username": .string(username),
            "next": .string(Redirects.safe(query["next"]) ?? ""),
        ]
        if error { data["error"] = .string(context.snapshot.text("login_failed")) }
        if query["out"] != nil { data["notice"] = .string(context.snapshot.text("logged_out")) }
        if query["ready"] != nil {
            data["notice"] = .string(context.snapshot.text("password_set"))
        }
        return page(
            context, status: status, template: "login",
            title: context.snapshot.text("login_title"), data)
    }

    private func formCookie(_ token: String) -> String {
        var cookie = "\(Self.loginCookie)=\(token); Path=/; HttpOnly; SameSite=Strict"
        if sessions.secure { cookie += "; Secure" }
        return cookie
    }

    /// Checks username, password and code together and answers every failure the same way.
    func login(_ context: inout RequestContext) -> HTTPResponse {
        let request = context.request
        guard let form = context.form, let token = form["_csrf"],
            let cookie = Cookies.value(Self.loginCookie, in: request.headers(named: "cookie")),
            ConstantTime.equals(Array(token.utf8), Array(cookie.utf8)), sameOrigin(request)
        else {
            return message(context, status: 403, "session_expired_heading", "form_expired")
        }
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
            .lowercased()
        let password = form["password"] ?? ""
        let code = (form["code"] ?? "").filter { !$0.isWhitespace }
        guard let username = authenticate(username, password, code, context) else {
            return loginPage(&context, status: 200, error: true, username: username)
        }
        let (session, value) = sessions.make(username: username, kind: .login, now: context.now)
        do {
            try store.insert(session)
        } catch {
            logger.error("cannot store a session", ["error": "\(error)"])
            return message(context, status: 500, "error_heading", "error_text")
        }
        context.session = session
        context.setCookies.append(sessions.cookie(value))
        let next = Redirects.safe(form["next"]) ?? landing(for: username, context.snapshot)
        return Responses.redirect(next)
    }

    /// The username when every check passes; nil otherwise, after the same amount of work.
    private func authenticate(
        _ username: String, _ password: String, _ code: String, _ context: RequestContext
    ) -> String? {
        let now = context.now
        let address = "address:\(context.address)"
        let account = Username.looksValid(username) ? try? store.account(username) : nil
        let throttle = Throttle(store: store)
        let waiting =
            throttle.isWaiting("password:\(username)", now: now)
            || throttle.isWaiting("code:\(username)", now: now)
            || throttle.isWaiting(address, now: now, free: Throttle.addressFreeFailures)
        let hash = account?.passwordHash ?? dummyHash
        let passwordMatches =
            password.utf8.count <= 1024
            && PasswordGate.run { PasswordHash.verify(password: password, encoded: hash) }
        guard let account, !waiting, passwordMatches else {
            fail(username, account: account, key: "password", address: address, context)
            return nil
        }
        guard account.state == .active, !account.locked,
            context.snapshot.users[username] != nil,
            checkCode(code, account: account, now: now)
        else {
            fail(username, account: account, key: "code", address: address, context)
            return nil
        }
        try? store.clearFailures("password:\(username)")
        try? store.clearFailures("code:\(username)")
        audit.now(
            AuditEvent(
                at: now, event: "login", username: username, address: context.address)
        )
        return username
    }

    private func checkCode(_ code: String, account: AccountRecord, now: Date) -> Bool {
        guard let sealed = account.sealedSecret,
            let secret = try? box.open(sealed, context: Array(account.username.utf8))
        else { return false }
        let totp = TOTP(secret: secret)
        let after = account.lastStep.map { UInt64(max($0, 0)) }
        guard let step = totp.matchingStep(code, at: now, skew: 1, after: after) else {
            return false
        }
        return (try? store.useCodeStep(account.username, step: Int64(step))) == true
    }

    private func fail(
        _ username: String, account: AccountRecord?, key: String, address: String,
        _ context: RequestContext
    ) {
        let now = context.now
        let throttle = Throttle(store: store)
        _ = throttle.fail(address, now: now)
        var event = AuditEvent(
            at: now, event: "login_failed", username: account == nil ? nil : username,
            address: context.address)
        if account == nil { event.detail = "unknown user" }
        guard let account else {
            audit.now(event)
            logger.warning("login failed", ["client.address": context.address])
            return
        }
        let count = throttle.fail("\(key):\(username)", now: now)
        event.detail = key
        audit.now(event)
        logger.warning("login failed", ["user": username, "reason": key])
        if count >= Throttle.lockAfter && !account.locked {
            try? store.setLocked(username, true, now: now)
            audit.now(AuditEvent(at: now, event: "lockout", username: username))
            logger.warning("account locked", ["user": username])
        }
    }

    /// Ends the session; the form must carry the session's own token.
    func logout(_ context: inout RequestContext) -> HTTPResponse {
        if let session = context.session, let form = context.form,
            let token = form["_csrf"],
            ConstantTime.equals(Array(token.utf8), Array(session.csrf.utf8))
        {
            sessions.end(session.idHash)
            audit.now(AuditEvent(at: context.now, event: "logout", username: session.username))
        }
        context.session = nil
        context.setCookies.append(sessions.clearedCookie)
        return Responses.redirect("/login?out=1")
    }

    /// A POST must come from this site. Browsers since 2020 say so in `Sec-Fetch-Site`, which
    /// the referrer policy does not touch; otherwise a named origin must be ours. `Origin: null`
    /// is what `Referrer-Policy: no-referrer` makes a browser send for its own forms, so it
    /// proves nothing either way and the form's CSRF token decides alone.
    func sameOrigin(_ request: HTTPRequest) -> Bool {
        if let site = request.header("sec-fetch-site") { return site == "same-origin" }
        guard let origin = request.header("origin"), origin != "null" else { return true }
        guard let host = request.header("host") else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }
}

/// Where a login may send the browser next: only a path on this site.
enum Redirects {
    static func safe(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
            next.utf8.count <= 512,
            !next.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\\" }),
            PathDecoding.segments(String(next.split(separator: "?").first ?? "")) != nil
        else { return nil }
        return next
    }
}

/// A cheap check before touching the database with a username from a form.
enum Username {
    static func looksValid(_ text: String) -> Bool {
        (3...32).contains(text.count)
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0)
                    || "._-".unicodeScalars
                        .contains($0)
            }
    }
}
