import Accounts
import Argon2
import Crypto
import Foundation
import HTTP
import Mustache
import QRCode
import Store

/// Activation: the link from the invitation, linking the authenticator app, a summary, and
/// choosing a password. The steps are kept in the enrolment session and can be taken only in
/// order.
extension PortalServer {
    enum EnrolStep: String {
        case link, confirmed, password
    }

    func activation(_ rest: [String], _ context: inout RequestContext) -> HTTPResponse {
        let post = context.request.method == "POST"
        switch (rest.count, rest.first, post) {
        case (1, let token?, false): return useLink(token, &context)
        case (0, nil, false): return enrolmentPage(&context)
        case (1, "confirm", true): return confirmCode(&context)
        case (1, "finish", true): return finishSummary(&context)
        case (1, "password", true): return choosePassword(&context)
        default: return notFound(context)
        }
    }

    /// Swaps the link for a short-lived enrolment session, so the token leaves the URL.
    private func useLink(_ token: String, _ context: inout RequestContext) -> HTTPResponse {
        guard let raw = Base64URL.decode(token), raw.count >= 16 else {
            return linkProblem(.unknown, context)
        }
        let use = (try? store.consumeToken(SHA256.hash(raw), now: context.now)) ?? .unknown
        guard case .accepted(let username) = use, context.snapshot.users[username] != nil
        else { return linkProblem(use, context) }
        let secret = TOTP.newSecret(random: SecureRandom.bytes)
        let sealed = box.seal(secret, context: Array(username.utf8))
        let (session, value) = sessions.make(
            username: username, kind: .enrol, step: EnrolStep.link.rawValue,
            pendingSecret: sealed, now: context.now)
        do {
            try store.endSessions(of: username, now: context.now)
            sessions.cache.removeAll()
            try store.insert(session)
        } catch {
            return message(context, status: 500, "error_heading", "error_text")
        }
        audit.now(
            AuditEvent(
                at: context.now, event: "activation_started", username: username,
                address: context.address))
        context.setCookies.append(sessions.cookie(value))
        return Responses.redirect("/activate")
    }

    private func linkProblem(_ use: TokenUse, _ context: RequestContext) -> HTTPResponse {
        let (heading, text): (String, String)
        switch use {
        case .used: (heading, text) = ("activation_used_heading", "activation_used_text")
        case .expired:
            (heading, text) = ("activation_expired_heading", "activation_expired_text")
        default: (heading, text) = ("activation_invalid_heading", "activation_invalid_text")
        }
        return message(
            context, status: use == .unknown ? 404 : 410, heading, text,
            link: ("/login", "go_to_login"))
    }

    /// The enrolment session of this request, or nil (then the caller explains).
    private func enrolment(_ context: RequestContext) -> (SessionRecord, EnrolStep)? {
        guard let session = context.session, session.kind == .enrol,
            let step = session.step.flatMap(EnrolStep.init)
        else { return nil }
        return (session, step)
    }

    private func expired(_ context: RequestContext) -> HTTPResponse {
        message(
            context, status: 403, "session_expired_heading", "session_expired_text",
            link: ("/login", "go_to_login"))
    }

    private func enrolmentPage(
        _ context: inout RequestContext, error: String? = nil
    ) -> HTTPResponse {
        guard let (session, step) = enrolment(context) else { return expired(context) }
        switch step {
        case .link: return linkPage(session, context, error: error)
        case .confirmed: return summaryPage(session, context)
        case .password: return passwordPage(session, context, failed: [], error: error)
        }
    }

    private func linkPage(
        _ session: SessionRecord, _ context: RequestContext, error: String?
    ) -> HTTPResponse {
        let snapshot = context.snapshot
        guard let sealed = session.pendingSecret,
            let secret = try? box.open(sealed, context: Array(session.username.utf8))
        else { return expired(context) }
        let issuer = snapshot.manifest.portal.issuer
        let uri = OTPAuthURI.make(issuer: issuer, account: session.username, secret: secret)
        let qr = (try? QRCode.svg(for: uri, label: snapshot.text("activate_intro"))) ?? ""
        var data: [String: MustacheValue] = [
            "qr": .string(qr), "secret": .string(TOTP.groupedSecret(secret)),
            "csrf": .string(session.csrf),
        ]
        if let error { data["error"] = .string(snapshot.text(error)) }
        return page(
            context, status: error == nil ? 200 : 422, template: "activate",
            title: snapshot.text("activate_title"), data)
    }

    /// Checks the first code from the app: proof the phone holds the secret.
    private func confirmCode(_ context: inout RequestContext) -> HTTPResponse {
        guard let (session, step) = enrolment(context), step == .link,
            let form = checkedForm(session, context)
        else { return expired(context) }
        guard let sealed = session.pendingSecret,
            let secret = try? box.open(sealed, context: Array(session.username.utf8))
        else { return expired(context) }
        let code = (form["code"] ?? "").filter { !$0.isWhitespace }
        guard
            TOTP(secret: secret).matchingStep(code, at: context.now, skew: 1, after: nil)
                != nil
        else { return enrolmentPage(&context, error: "code_wrong") }
        return advance(session, to: .confirmed, &context)
    }

    /// Moves the enrolment one step on, under a new session id.
    private func advance(
        _ session: SessionRecord, to step: EnrolStep, _ context: inout RequestContext
    ) -> HTTPResponse {
        var (next, value) = sessions.make(
            username: session.username, kind: .enrol, step: step.rawValue,
            pendingSecret: session.pendingSecret, now: context.now)
        next.expiresAt = session.expiresAt
        do {
            try store.replace(session.idHash, with: next)
            sessions.cache.remove(session.idHash)
        } catch {
            return message(context, status: 500, "error_heading", "error_text")
        }
        context.setCookies.append(sessions.cookie(value))
        return Responses.redirect("/activate")
    }

    private func summaryPage(_ session: SessionRecord, _ context: RequestContext) -> HTTPResponse {
        let snapshot = context.snapshot
        let clients = (snapshot.users[session.username]?.clients ?? []).compactMap {
            snapshot.clients[$0]?.name
        }
        return page(
            context, template: "summary", title: snapshot.text("summary_title"),
            [
                "username": .string(session.username),
                "issuer": .string(snapshot.manifest.portal.issuer),
                "clients": .string(clients.joined(separator: ", ")),
                "csrf": .string(session.csrf),
            ])
    }

    private func finishSummary(_ context: inout RequestContext) -> HTTPResponse {
        guard let (session, step) = enrolment(context), step == .confirmed,
            checkedForm(session, context) != nil
        else { return expired(context) }
        return advance(session, to: .password, &context)
    }

    private func passwordPage(
        _ session: SessionRecord, _ context: RequestContext, failed: [PasswordRule],
        error: String?
    ) -> HTTPResponse {
        let snapshot = context.snapshot
        let rules = PasswordRule.allCases.map { rule in
            MustacheValue.object([
                "text": .string(snapshot.text(rule.explanationKey)),
                "failed": .bool(failed.contains(rule)),
            ])
        }
        var data: [String: MustacheValue] = [
            "rules": .list(rules), "csrf": .string(session.csrf),
            "username": .string(session.username),
        ]
        if let error { data["error"] = .string(snapshot.text(error)) }
        return page(
            context, status: error == nil ? 200 : 422, template: "password",
            title: snapshot.text("password_title"), data)
    }

    /// Sets the password and finishes activation; every rule that fails is named.
    private func choosePassword(_ context: inout RequestContext) -> HTTPResponse {
        guard let (session, step) = enrolment(context), step == .password,
            let form = checkedForm(session, context)
        else { return expired(context) }
        let password = form["password"] ?? ""
        guard password == (form["repeat"] ?? "") else {
            return passwordPage(session, context, failed: [], error: "password_mismatch")
        }
        let failed = PasswordPolicy().problems(
            password: password, username: session.username,
            organisation: context.snapshot.manifest.portal.organisation)
        guard failed.isEmpty else {
            return passwordPage(session, context, failed: failed, error: "password_not_accepted")
        }
        return activate(session, password: password, &context)
    }

    private func activate(
        _ session: SessionRecord, password: String, _ context: inout RequestContext
    ) -> HTTPResponse {
        guard let sealed = session.pendingSecret,
            let secret = try? box.open(sealed, context: Array(session.username.utf8))
        else { return expired(context) }
        let hash = PasswordGate.run {
            PasswordHash.make(password: password, random: { SecureRandom.bytes(16) })
        }
        let step = TOTP(secret: secret).step(at: context.now)
        do {
            try store.activate(
                session.username, passwordHash: hash, sealedSecret: sealed,
                lastStep: Int64(step) - 2, now: context.now)
            sessions.cache.removeAll()
        } catch {
            return message(context, status: 500, "error_heading", "error_text")
        }
        audit.now(
            AuditEvent(
                at: context.now, event: "activated", username: session.username,
                address: context.address))
        notifier.notice(
            session.username, subject: "mail_password_subject", text: "mail_password_text",
            snapshot: context.snapshot)
        context.session = nil
        context.setCookies.append(sessions.clearedCookie)
        return Responses.redirect("/login?ready=1")
    }

    /// The form of a POST in this session, when its token matches and it comes from this site.
    func checkedForm(_ session: SessionRecord, _ context: RequestContext) -> FormData? {
        guard let form = context.form, let token = form["_csrf"],
            ConstantTime.equals(Array(token.utf8), Array(session.csrf.utf8)),
            sameOrigin(context.request)
        else { return nil }
        return form
    }
}
