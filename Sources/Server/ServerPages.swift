import Foundation
import HTTP
import Mustache
import Store

extension PortalServer {
    /// Renders a server template inside the plain page layout.
    func page(
        _ context: RequestContext, status: Int = 200, template: String, title: String,
        _ data: [String: MustacheValue]
    ) -> HTTPResponse {
        let snapshot = context.snapshot
        let content = snapshot.render(template, data)
        var layout: [String: MustacheValue] = [
            "title": .string(title), "kind": .string(template), "content": .string(content),
        ]
        if let session = context.loggedIn {
            layout["account"] = .string(account(session, snapshot))
        }
        return Responses.html(status, snapshot.render("page", layout))
    }

    /// The account block of a client page: rendered once per user, with a hole for the
    /// session's token, so ten thousand sessions do not make ten thousand copies.
    func accountBlock(_ session: SessionRecord, _ snapshot: SiteSnapshot) -> String {
        var blank = session
        blank.csrf = Stencil.hole("csrf")
        return snapshot.stencil("account|\(session.username)") { account(blank, snapshot) }
            .filled(["csrf": session.csrf])
    }

    /// The account block: the user's name and the logout button.
    func account(_ session: SessionRecord, _ snapshot: SiteSnapshot) -> String {
        let name = snapshot.users[session.username]?.name ?? session.username
        return snapshot.render(
            "account", ["name": .string(name), "csrf": .string(session.csrf)])
    }

    /// A page with a heading, a sentence and an optional link: errors and notices.
    func message(
        _ context: RequestContext, status: Int, _ heading: String, _ text: String,
        link: (url: String, key: String)? = nil, kept: String? = nil
    ) -> HTTPResponse {
        let snapshot = context.snapshot
        var data: [String: MustacheValue] = [
            "heading": .string(snapshot.text(heading)), "text": .string(snapshot.text(text)),
            "is_error": .bool(status >= 400),
        ]
        if let kept, !kept.isEmpty { data["kept"] = .string(kept) }
        let target =
            link
            ?? (context.loggedIn == nil
                ? ("/login", "go_to_login")
                : ("/", "go_home"))
        data["link_url"] = .string(target.url)
        data["link_text"] = .string(snapshot.text(target.key))
        return page(
            context, status: status, template: "message", title: snapshot.text(heading), data)
    }

    func notFound(_ context: RequestContext) -> HTTPResponse {
        message(context, status: 404, "not_found_heading", "not_found_text")
    }
}
