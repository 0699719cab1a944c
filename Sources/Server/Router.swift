import Foundation
import HTTP

extension PortalServer {
    /// Sends each request to its handler. Anything not listed is a 404, the same answer as a
    /// client that is not yours, so the answer never tells what exists.
    func route(_ context: inout RequestContext) -> HTTPResponse {
        let method = context.request.method
        guard ["GET", "HEAD", "POST"].contains(method) else {
            return message(context, status: 405, "method_heading", "method_text")
        }
        if context.request.bodyTooLarge {
            return message(context, status: 413, "too_large_heading", "too_large_text")
        }
        guard let (segments, slash) = PathDecoding.segments(context.request.rawPath) else {
            return notFound(context)
        }
        let isPost = method == "POST"
        switch (segments.first, isPost) {
        case (nil, false): return home(context)
        case ("healthz", false) where segments.count == 1: return health()
        case ("metrics", false) where segments.count == 1 && Self.isLocal(context.request):
            return metricsPage()
        case ("assets", false): return asset(segments, context)
        case ("login", false) where segments.count == 1: return loginPage(&context)
        case ("login", true) where segments.count == 1: return login(&context)
        case ("logout", true) where segments.count == 1: return logout(&context)
        case ("activate", _): return activation(Array(segments.dropFirst()), &context)
        case ("clients", false): return clientRequest(segments, slash: slash, &context)
        case ("clients", true): return clientPost(segments, slash: slash, &context)
        default: return notFound(context)
        }
    }

    /// Requests that wait on a password hash or a disk sync: every form (login, activation
    /// steps, comments, replies, logout) and the activation link, whose first visit consumes
    /// the token. The HTTP server answers them on its workers, so pages never wait behind them.
    public static func isSlow(_ request: HTTPRequest) -> Bool {
        request.method == "POST" || request.rawPath.hasPrefix("/activate/")
    }

    /// `/healthz`, for the proxy and monitoring: the site is published (or this request would
    /// not have come here) and the database answers. Nothing about users or clients.
    func health() -> HTTPResponse {
        guard (try? store.isAnswering()) == true else {
            return Responses.plain(503, "the state database does not answer")
        }
        return Responses.plain(200, "ok")
    }

    func metricsPage() -> HTTPResponse {
        let queue = (try? notifier.outbox?.pending().count) ?? 0
        let text = audit.metrics.exposition(mailQueue: queue)
        return HTTPResponse(
            status: 200, headers: [("Content-Type", "text/plain; version=0.0.4")],
            body: .bytes(Array(text.utf8)))
    }

    /// `/metrics` is for a scraper on this machine only: a loopback peer, and not a request
    /// that came through the reverse proxy (which always adds `X-Forwarded-For`).
    static func isLocal(_ request: HTTPRequest) -> Bool {
        ["127.0.0.1", "::1"].contains(request.clientAddress)
            && request.header("x-forwarded-for") == nil
    }

    /// `/`: the dashboard of the only client, the chooser, or the login page.
    func home(_ context: RequestContext) -> HTTPResponse {
        guard let session = context.loggedIn else { return Responses.redirect("/login") }
        return Responses.redirect(landing(for: session.username, context.snapshot))
    }

    func landing(for username: String, _ snapshot: SiteSnapshot) -> String {
        let clients = snapshot.users[username]?.clients ?? []
        return clients.count == 1 ? "/clients/\(clients[0])/" : "/clients/"
    }
}
