import Foundation
import HTTP
import Mustache
import Store

/// Pages and files under `/clients/`, for logged-in users of that client only.
extension PortalServer {
    /// `/assets/…`: public and cached for a year, since their names change with their content.
    func asset(_ segments: [String], _ context: RequestContext) -> HTTPResponse {
        guard segments.count == 2,
            let file = SiteFiles.open(
                segments, trailingSlash: false, folder: context.snapshot.folder,
                store: directory.store)
        else { return notFound(context) }
        return StaticFiles.respond(
            file, request: context.request, cache: "public, max-age=31536000, immutable",
            download: false)
    }

    func clientRequest(
        _ segments: [String], slash: Bool, _ context: inout RequestContext
    ) -> HTTPResponse {
        guard let session = context.loggedIn else {
            let next = context.request.rawPath
            return Responses.redirect("/login?next=\(Redirects.encoded(next))")
        }
        let allowed = context.snapshot.access[session.username] ?? []
        guard segments.count >= 2 else { return chooser(session, context) }
        let client = segments[1]
        guard allowed.contains(client) else { return notFound(context) }
        if segments.count == 3, segments[2] == "agenda", slash,
            let week = currentWeekPage(client, context)
        {
            return Responses.redirect(week, status: 302)
        }
        return clientFile(segments, slash: slash, client: client, session, &context)
    }

    private func clientFile(
        _ segments: [String], slash: Bool, client: String, _ session: SessionRecord,
        _ context: inout RequestContext
    ) -> HTTPResponse {
        let snapshot = context.snapshot
        let target = "/" + segments.joined(separator: "/") + (slash ? "/" : "")
        let isPage = slash || segments.last?.hasSuffix(".html") == true
        let store = directory.store
        let open = {
            SiteFiles.open(
                segments, trailingSlash: slash, folder: snapshot.folder, store: store)
        }
        if isPage, let page = snapshot.pages.page(target, load: { open()?.readAll() }) {
            let body = personal(page, target: target, client: client, session, context)
            opened(target, client: client, session, context)
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
                body: .bytes(body))
        }
        guard !isPage, let file = open() else {
            if !slash, SiteFiles.isFolder(segments, folder: snapshot.folder, store: directory.store)
            {
                return Responses.redirect(context.request.rawPath + "/", status: 301)
            }
            return notFound(context)
        }
        opened(target, client: client, session, context)
        return StaticFiles.respond(
            file, request: context.request, cache: "private, no-store", download: false)
    }

    /// Every client page or file served goes into the audit log, as NEN 7513 expects; an
    /// item's own page or file marks it read for this user.
    private func opened(
        _ target: String, client: String, _ session: SessionRecord, _ context: RequestContext
    ) {
        audit.later(
            AuditEvent(
                at: context.now, event: "view", username: session.username, client: client,
                target: target, address: context.address))
        guard let index = context.snapshot.indexes[client], let id = index.byURL[target],
            let item = index.items[id]
        else { return }
        readState.markRead(
            session.username, client: client, item: id, messages: item.messages,
            now: context.now)
    }

    /// The page with its per-user and per-day parts filled in.
    func personal(
        _ page: ParsedPage, target: String, client: String, _ session: SessionRecord,
        _ context: RequestContext, draft: PersonalParts.Draft? = nil
    ) -> [UInt8] {
        let snapshot = context.snapshot
        let week = snapshot.currentWeek(context.now)
        var parts = PersonalParts(
            snapshot: snapshot, client: client,
            index: snapshot.indexes[client] ?? ClientIndex.empty,
            marks: readState.marks(session.username, client: client),
            board: board.board(client), session: session, path: target,
            showAll: context.query["all"] == "1")
        parts.draft = draft
        return page.render { slot in
            switch slot.kind {
            case .account:
                return .replace(accountBlock(session, snapshot))
            case .clientSwitch:
                return .replace(
                    snapshot.fragment("switch|\(session.username)|\(client)") {
                        clientSwitch(session, client, snapshot)
                    })
            case .thisWeek:
                guard let fragment = snapshot.record(client)?.weeks[week] else {
                    return .keep
                }
                return .replace(fragment)
            default: return parts.fill(slot)
            }
        }
    }

    private func clientSwitch(
        _ session: SessionRecord, _ current: String, _ snapshot: SiteSnapshot
    ) -> String {
        let clients = (snapshot.users[session.username]?.clients ?? []).compactMap { id in
            snapshot.clients[id].map {
                MustacheValue.object([
                    "id": .string(id), "name": .string($0.name),
                    "current": .bool(id == current),
                ])
            }
        }
        return snapshot.render(
            "client-switch", ["clients": .list(clients), "has_others": .bool(clients.count > 1)])
    }

    /// The week page of today, when the client's agenda has one.
    private func currentWeekPage(_ client: String, _ context: RequestContext) -> String? {
        let snapshot = context.snapshot
        guard let entry = snapshot.clients[client], let first = entry.firstWeek,
            let last = entry.lastWeek
        else { return nil }
        let week = snapshot.currentWeek(context.now)
        guard week >= first, week <= last else { return nil }
        return "/clients/\(client)/agenda/\(week).html"
    }

    /// `/clients/`: the list of the user's clients.
    private func chooser(_ session: SessionRecord, _ context: RequestContext) -> HTTPResponse {
        let snapshot = context.snapshot
        let clients = (snapshot.users[session.username]?.clients ?? []).compactMap { id in
            snapshot.clients[id].map {
                MustacheValue.object(["id": .string(id), "name": .string($0.name)])
            }
        }
        return page(
            context, template: "choose", title: snapshot.text("choose_title"),
            ["clients": .list(clients)])
    }
}

/// The portal's calendar for request-time decisions: which week is "this week".
struct PortalCalendar {
    let calendar: Calendar

    init(timeZone: String) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .current
        self.calendar = calendar
    }

    /// `2026-W49`, the name of the week's page.
    func week(of date: Date) -> String {
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        let number = parts.weekOfYear ?? 1
        return "\(parts.yearForWeekOfYear ?? 1970)-W\(number < 10 ? "0" : "")\(number)"
    }
}

extension Redirects {
    /// Percent-encodes a path for the `next` parameter.
    static func encoded(_ path: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }
}
