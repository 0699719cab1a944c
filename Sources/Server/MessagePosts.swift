import Crypto
import Foundation
import HTTP
import Store

/// `POST` to a report page (a comment) or a conversation page (a reply). Nothing else under
/// `/clients/` takes a post: clients never start a conversation or change a report.
extension PortalServer {
    func clientPost(
        _ segments: [String], slash: Bool, _ context: inout RequestContext
    ) -> HTTPResponse {
        // A session that ended while the user typed: the text is shown, so it is not lost.
        let typed = context.form?["text"]
        guard let session = context.loggedIn else {
            return message(
                context, status: 403, "session_expired_heading", "session_expired_text",
                kept: typed)
        }
        let snapshot = context.snapshot
        guard segments.count >= 2, !slash,
            snapshot.access[session.username]?.contains(segments[1]) == true,
            let index = snapshot.indexes[segments[1]]
        else { return notFound(context) }
        let client = segments[1]
        let target = "/" + segments.joined(separator: "/")
        guard let id = index.byURL[target], let item = index.items[id] else {
            return notFound(context)
        }
        let kind: PortalMessage.Kind
        switch item.kind {
        case "reports": kind = .comment
        case "conversations": kind = .reply
        default: return message(context, status: 405, "method_heading", "method_text")
        }
        guard let form = context.form, let token = form["_csrf"],
            ConstantTime.equals(Array(token.utf8), Array(session.csrf.utf8)),
            sameOrigin(context.request)
        else {
            return message(
                context, status: 403, "session_expired_heading", "form_expired",
                link: (target, "go_back"), kept: typed)
        }
        guard let once = form["_once"], MessageRules.isFormToken(once), let raw = form["text"]
        else { return message(context, status: 400, "bad_request_heading", "bad_request_text") }
        let text = MessageRules.cleaned(raw)
        if let problem = MessageRules.problem(text) {
            let draft = PersonalParts.Draft(item: id, text: raw, error: problem)
            return again(target, client: client, session, context, draft: draft)
        }
        let author = snapshot.users[session.username]?.name ?? session.username
        let entry = PortalMessage(
            client: client, item: id, kind: kind, username: session.username, author: author,
            body: text, createdAt: context.now.seconds)
        return store(entry, token: once, target: target, context)
    }

    private func store(
        _ entry: PortalMessage, token: String, target: String, _ context: RequestContext
    ) -> HTTPResponse {
        do {
            let (stored, isNew) = try board.post(entry, formToken: token)
            if isNew {
                audit.now(
                    AuditEvent(
                        at: context.now, event: entry.kind.rawValue, username: entry.username,
                        client: entry.client, target: entry.item,
                        address: context.address, detail: "message \(stored.id)"))
            }
            let anchor = entry.kind == .comment ? "comment" : "reply"
            return Responses.redirect("\(target)#\(anchor)-\(stored.id)", status: 303)
        } catch {
            logger.error("cannot store a message", ["user": entry.username, "error": "\(error)"])
            return message(context, status: 503, "error_heading", "message_not_saved")
        }
    }

    /// The page again, with the text the user sent and what is wrong with it.
    private func again(
        _ target: String, client: String, _ session: SessionRecord, _ context: RequestContext,
        draft: PersonalParts.Draft
    ) -> HTTPResponse {
        let snapshot = context.snapshot
        let segments = target.split(separator: "/").map(String.init)
        guard
            let page = snapshot.pages.page(
                target,
                load: {
                    SiteFiles.open(
                        segments, trailingSlash: false, folder: snapshot.folder,
                        store: directory.store)?.readAll()
                })
        else { return notFound(context) }
        let body = personal(page, target: target, client: client, session, context, draft: draft)
        return HTTPResponse(
            status: 422, headers: [("Content-Type", "text/html; charset=utf-8")],
            body: .bytes(body))
    }
}
