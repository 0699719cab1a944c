import Crypto
import Foundation
import Mustache
import Site
import Store

/// Decides the per-user slots of one client page: what is unread, which items a list shows,
/// the comments under a report and the replies in a conversation, and their forms.
struct PersonalParts {
    /// A form sent back with a problem: its text is shown again with the message.
    struct Draft {
        let item: String
        let text: String
        let error: String
    }

    let snapshot: SiteSnapshot
    let client: String
    let index: ClientIndex
    let marks: [String: ReadState.Seen]
    let board: MessageBoard.Board
    let session: SessionRecord
    /// The page's own path, where its forms post to.
    let path: String
    /// `?all=1`: lists show read items too.
    let showAll: Bool
    var draft: Draft?
    /// Replies already placed between the care workers' messages.
    private var repliesShown = 0
    private var unreadCounts: [String: Int] = [:]

    init(
        snapshot: SiteSnapshot, client: String, index: ClientIndex,
        marks: [String: ReadState.Seen], board: MessageBoard.Board, session: SessionRecord,
        path: String, showAll: Bool
    ) {
        self.snapshot = snapshot
        self.client = client
        self.index = index
        self.marks = marks
        self.board = board
        self.session = session
        self.path = path
        self.showAll = showAll
    }

    mutating func fill(_ slot: Slots.Slot) -> Slots.Fill {
        let argument = slot.argument
        switch slot.kind {
        case .item: return showAll || isUnread(argument) ? .keep : .remove
        case .unread: return isUnread(argument) ? .replace(cached("unread", [:])) : .remove
        case .unreadClass: return isUnread(argument) ? .replace(" unread") : .remove
        case .count: return .replace(count(argument))
        case .empty: return empty(argument)
        case .showRead: return .replace(toggle())
        case .read: return .remove
        case .comments: return .replace(comments(argument))
        case .repliesBefore:
            let item = index.byURL[path] ?? ""
            return .replace(replies(before: Int64(argument) ?? 0, item))
        case .replies: return .replace(replies(before: .max, argument))
        case .replyForm: return .replace(form(argument, kind: .reply))
        case .account, .clientSwitch, .thisWeek, .unknown: return .keep
        }
    }

    private func isUnread(_ id: String) -> Bool {
        index.isUnread(id, marks: marks)
    }

    private mutating func unread(_ kind: String) -> Int {
        if let known = unreadCounts[kind] { return known }
        let count = (index.byKind[kind] ?? []).count(where: isUnread)
        unreadCounts[kind] = count
        return count
    }

    private mutating func count(_ kind: String) -> String {
        let count = unread(kind)
        return cached(
            "count", ["count": .string(String(count)), "is_zero": .bool(count == 0)],
            key: String(count))
    }

    /// "No unread documents" when a list of unread items has none to show.
    private mutating func empty(_ kind: String) -> Slots.Fill {
        let total = index.byKind[kind]?.count ?? 0
        guard !showAll, total > 0, unread(kind) == 0 else { return .keep }
        let text = snapshot.text("no_unread_\(kind)")
        return .replace(cached("no-unread", ["text": .string(text)], key: kind))
    }

    private func toggle() -> String {
        let (url, text) = showAll ? ("./", "hide_read") : ("?all=1", "show_read")
        return cached(
            "show-read", ["url": .string(url), "text": .string(snapshot.text(text))], key: text)
    }

    // MARK: Comments and replies

    private func comments(_ item: String) -> String {
        let list = snapshot.fragment("comments|\(client)|\(item)", version: board.version) {
            let comments = (board.byItem[item] ?? []).map(values)
            return render(
                "comments", ["comments": .list(comments), "has_comments": .bool(!comments.isEmpty)])
        }
        return list + form(item, kind: .comment)
    }

    /// The users' replies written before `time`, placed before the message of that time.
    private mutating func replies(before time: Int64, _ item: String) -> String {
        let all = board.byItem[item] ?? []
        var end = repliesShown
        while end < all.count, all[end].createdAt < time { end += 1 }
        defer { repliesShown = end }
        guard end > repliesShown else { return "" }
        return render("replies", ["replies": .list(all[repliesShown..<end].map(values))])
    }

    private func values(_ message: PortalMessage) -> MustacheValue {
        let at = Date(timeIntervalSince1970: TimeInterval(message.createdAt))
        return .object([
            "id": .string(String(message.id)), "author": .string(message.author),
            "body": .string(message.body),
            "at": .string(snapshot.calendar.timeText(of: at, strings: snapshot)),
            "at_iso": .string(UTCStamp.iso8601(at)),
        ])
    }

    /// The comment or reply form. Without a draft it is rendered once per page with stand-ins
    /// for the session's token and the form's own token, which are put in per request.
    private func form(_ item: String, kind: PortalMessage.Kind) -> String {
        let draft = draft?.item == item ? draft : nil
        let once = MessageRules.formToken()
        guard draft == nil else {
            return formValues(kind, csrf: session.csrf, once: once, draft: draft)
        }
        let blank = snapshot.stencil("form|\(kind.rawValue)|\(path)") {
            formValues(kind, csrf: Stencil.hole("csrf"), once: Stencil.hole("once"), draft: nil)
        }
        return blank.filled(["csrf": session.csrf, "once": once])
    }

    private func formValues(
        _ kind: PortalMessage.Kind, csrf: String, once: String, draft: Draft?
    ) -> String {
        let isComment = kind == .comment
        return render(
            "message-form",
            [
                "action": .string(path), "form_id": .string(isComment ? "comment" : "reply"),
                "csrf": .string(csrf), "once": .string(once),
                "label": .string(snapshot.text(isComment ? "comment_label" : "reply_label")),
                "submit": .string(snapshot.text(isComment ? "comment_submit" : "reply_submit")),
                "max": .string(String(MessageRules.maximumLength)),
                "text": .string(draft?.text ?? ""),
                "error": draft.map { .string(snapshot.text($0.error)) } ?? .bool(false),
            ])
    }

    /// A fragment that depends only on the build and `key`: rendered once per build.
    /// The template rendered once per build for each `key`; `data` is only made on a miss,
    /// as most calls find the fragment and a dictionary per slot costs more than the lookup.
    private func cached(
        _ template: String, _ data: @autoclosure () -> [String: MustacheValue], key: String = ""
    ) -> String {
        snapshot.fragment("\(template)|\(key)") { render(template, data()) }
    }

    private func render(_ template: String, _ data: [String: MustacheValue]) -> String {
        snapshot.render(template, data)
    }
}

/// What a comment or reply may be.
enum MessageRules {
    /// In UTF-16 units, as a browser's `maxlength` counts, so the two agree.
    static let maximumLength = 2000

    /// The text as stored: line ends made `\n`, control characters other than newline and tab
    /// dropped, blank space around it trimmed.
    static func cleaned(_ text: String) -> String {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        let kept = unified.unicodeScalars.filter { scalar in
            scalar == "\n" || scalar == "\t" || !(scalar.properties.generalCategory == .control)
        }
        return String(String.UnicodeScalarView(kept))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The theme key of what is wrong with `text`, or nil when it may be stored.
    static func problem(_ text: String) -> String? {
        if text.isEmpty { return "message_empty" }
        if text.utf16.count > maximumLength { return "message_too_long" }
        return nil
    }

    /// A fresh token for one rendering of a form: a second post of it is the same message.
    static func formToken() -> String {
        Base64URL.encode(SecureRandom.bytes(16))
    }

    /// A token as a form may send it back.
    static func isFormToken(_ text: String) -> Bool {
        (16...64).contains(text.utf8.count)
            && text.utf8.allSatisfy {
                $0 == 45 || $0 == 95 || (48...57).contains($0)
                    || (65...90).contains($0) || (97...122).contains($0)
            }
    }
}

extension PortalCalendar {
    /// `3 december 2026, 14:05` in the portal's time zone and language.
    func timeText(of date: Date, strings snapshot: SiteSnapshot) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        let clock = "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
        return dayText(of: date, strings: snapshot) + ", " + clock
    }
}
