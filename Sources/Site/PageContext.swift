import Content
import Foundation
import Mustache

/// Builds the data each template sees, and wraps every page in the theme's layout.
///
/// Per-user parts (unread marks, comments, replies, this week's appointments) are left as
/// `<!--slot:NAME-->…<!--/slot:NAME-->` regions that the server fills in at request time; the
/// text between the markers is what a page shows without the server's help.
struct PageContext {
    let client: Client
    let portal: Portal
    let theme: Theme
    let strings: Strings
    let links: LinkResolver
    /// Values every template sees; built once per client, not once per page.
    private let shared: [String: MustacheValue]
    /// The list entries, made once: the dashboard and the list pages show the same ones.
    private(set) var documentItems: [MustacheValue] = []
    private(set) var reportItems: [MustacheValue] = []
    private(set) var conversationItems: [MustacheValue] = []
    /// The layout rendered once per section, cut where the title and content go: most of a
    /// page is the same frame, and rendering it for every page was a third of the build.
    private var frames: [String: [FramePiece]] = [:]

    /// Stands where the title goes in a pre-rendered frame; a NUL never occurs in a page.
    private static let titleMark = "\u{0}title\u{0}"
    private static let contentMark = "\u{0}content\u{0}"

    init(client: Client, portal: Portal, theme: Theme, strings: Strings, links: LinkResolver) {
        self.client = client
        self.portal = portal
        self.theme = theme
        self.strings = strings
        self.links = links
        shared = Self.commonValues(
            client: client, portal: portal, theme: theme,
            strings: strings)
        frames = Dictionary(
            uniqueKeysWithValues: Self.sections.map { section in
                (section.0, frame(section.0))
            })
        documentItems = makeDocumentItems()
        reportItems = makeReportItems()
        conversationItems = makeConversationItems()
    }

    var base: String { "/clients/\(client.id)" }

    static let sections = [
        ("dashboard", "nav_dashboard", ""),
        ("persons", "nav_persons", "persons.html"),
        ("documents", "nav_documents", "documents/"),
        ("conversations", "nav_conversations", "conversations/"),
        ("agenda", "nav_agenda", "agenda/"),
        ("reports", "nav_reports", "reports/"),
    ]

    /// Renders `template` with `data`, inside the layout, as the file at `path`.
    func page(
        _ path: String, template: String, title: String, section: String,
        data: [String: MustacheValue]
    ) -> [OutputFile] {
        let body = render(template, data)
        let pieces = frames[section] ?? frame(section)
        let escapedTitle = htmlEscaped(title)
        var html = ""
        html.reserveCapacity(body.utf8.count + 8192)
        for piece in pieces {
            html += piece.text
            switch piece.then {
            case .title?: html += escapedTitle
            case .content?: html += body
            case nil: break
            }
        }
        return [OutputFile(path: path, body: .bytes(Array(html.utf8)))]
    }

    /// A run of the pre-rendered layout and what follows it.
    struct FramePiece {
        enum Hole { case title, content }
        var text: String
        var then: Hole?
    }

    /// The layout of `section` rendered with marks where the title and content go, cut there.
    private func frame(_ section: String) -> [FramePiece] {
        var layout = shared
        layout["title"] = .string(Self.titleMark)
        layout["section"] = .string(section)
        layout["content"] = .string(Self.contentMark)
        layout["nav"] = .list(
            Self.sections.map { key, label, url in
                .object([
                    "key": .string(key), "label": .string(strings[label]),
                    "url": .string("\(base)/\(url)"), "current": .bool(key == section),
                ])
            })
        return Self.cut(render("layout", layout))
    }

    /// Cuts at the marks, scanning bytes: the marks are the only NULs in a rendered page.
    private static func cut(_ html: String) -> [FramePiece] {
        let bytes = Array(html.utf8)
        let title = Array(titleMark.utf8)
        var pieces: [FramePiece] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0 else {
                index += 1
                continue
            }
            let isTitle = bytes[index...].starts(with: title)
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            pieces.append(FramePiece(text: text, then: isTitle ? .title : .content))
            index += isTitle ? title.count : contentMark.utf8.count
            start = index
        }
        pieces.append(FramePiece(text: String(decoding: bytes[start...], as: UTF8.self), then: nil))
        return pieces
    }

    /// Renders one template of the theme with the common values added.
    func render(_ template: String, _ data: [String: MustacheValue]) -> String {
        guard let compiled = theme.templates[template] else { return "" }
        let merged = shared.merging(data) { _, new in new }
        return compiled.render(.object(merged), partials: theme.templates)
    }

    private static func commonValues(
        client: Client, portal: Portal, theme: Theme,
        strings: Strings
    ) -> [String: MustacheValue] {
        let base = "/clients/\(client.id)"
        return [
            "lang": .string(portal.language.rawValue),
            "t": strings.value,
            "organisation": .string(portal.organisation),
            "assets": .object(theme.assetValues.mapValues { .string($0) }),
            "client": .object([
                "id": .string(client.id), "name": .string(client.name),
                "dossier": .string(client.dossier), "url": .string("\(base)/"),
            ]),
            "agenda_url": .string("\(base)/agenda/"),
            "ics_url": .string("\(base)/agenda.ics"),
        ]
    }

    // MARK: Lists

    func documentURL(_ document: Document) -> String {
        Self.documentURL(document, base: base)
    }

    static func documentURL(_ document: Document, base: String) -> String {
        switch document.body {
        case .markdown: return "\(base)/\(document.id).html"
        case .file(_, let name, _, _): return LinkResolver.fileURL(base, name)
        }
    }

    func item(id: String, title: String, url: String, date: ContentTime?) -> [String: MustacheValue]
    {
        var values: [String: MustacheValue] = [
            "id": .string(id), "title": .string(title), "url": .string(url),
        ]
        if let date {
            values["date"] = .string(strings.time(date))
            values["date_iso"] = .string(isoText(date))
        }
        return values
    }

    /// The `datetime` attribute: a plain day when no time was given, else the UTC instant.
    func isoText(_ time: ContentTime) -> String {
        time.hasTime ? UTCStamp.iso8601(time.instant) : "\(strings.localDate(time.instant))"
    }

    private func makeDocumentItems() -> [MustacheValue] {
        Sorting.documents(client.documents).map { document in
            var values = item(
                id: document.id, title: document.title, url: documentURL(document),
                date: document.date)
            if case .file(_, let name, let bytes, let description) = document.body {
                values["is_file"] = .bool(true)
                values["file_type"] = .string(FileKinds.label(for: name))
                values["size"] = .string(FileKinds.size(bytes, strings: strings))
                if let description { values["description"] = .string(description) }
            }
            return .object(values)
        }
    }

    private func makeReportItems() -> [MustacheValue] {
        Sorting.reports(client.reports).map { report in
            var values = item(
                id: report.id, title: report.title, url: "\(base)/\(report.id).html",
                date: report.date)
            values["author"] = .string(report.author)
            return .object(values)
        }
    }

    private func makeConversationItems() -> [MustacheValue] {
        Sorting.conversations(client.conversations).map { conversation in
            let last = conversation.messages.last
            let date = last.map { ContentTime(instant: $0.at, hasTime: true) }
            var values = item(
                id: conversation.id, title: conversation.title,
                url: "\(base)/\(conversation.id).html", date: date)
            values["last_from"] = .string(last?.from ?? "")
            values["message_count"] = .number(Double(conversation.messages.count))
            return .object(values)
        }
    }

    // MARK: Pages

    func dashboard() -> [String: MustacheValue] {
        let documents = documentItems
        let reports = reportItems
        let conversations = conversationItems
        return [
            "documents": .list(documents), "document_count": count(documents),
            "reports": .list(reports), "report_count": count(reports),
            "conversations": .list(conversations), "conversation_count": count(conversations),
        ]
    }

    private func count(_ list: [MustacheValue]) -> MustacheValue {
        .number(Double(list.count))
    }

    func persons() -> [String: MustacheValue] {
        var details: [String: MustacheValue] = [
            "name": .string(client.name), "dossier": .string(client.dossier),
            "birth_date": .string(strings.date(client.birthDate)),
        ]
        if let phone = client.phone { details["phone"] = .string(phone) }
        if let email = client.email { details["email"] = .string(email) }
        if let address = client.address { details["address"] = .string(address) }
        return [
            "details": .object(details),
            "care_workers": .list(
                client.careWorkers.map {
                    .object([
                        "name": .string($0.name), "role": .string($0.role),
                        "email": .string($0.email),
                    ])
                }),
            "users": .list(
                client.users.map {
                    .object(["name": .string($0.name), "relation": .string($0.relation)])
                }),
        ]
    }

    func documentList() -> [String: MustacheValue] {
        let documents = documentItems
        return ["documents": .list(documents), "has_documents": .bool(!documents.isEmpty)]
    }

    func document(_ document: Document, html: String) -> [String: MustacheValue] {
        var values = item(
            id: document.id, title: document.title, url: documentURL(document),
            date: document.date)
        values["html"] = .string(html)
        return values
    }

    func reportList() -> [String: MustacheValue] {
        let reports = reportItems
        return ["reports": .list(reports), "has_reports": .bool(!reports.isEmpty)]
    }

    func report(_ report: Report, html: String) -> [String: MustacheValue] {
        var values = item(
            id: report.id, title: report.title, url: "\(base)/\(report.id).html",
            date: report.date)
        values["author"] = .string(report.author)
        values["html"] = .string(html)
        return values
    }

    func conversationList() -> [String: MustacheValue] {
        let conversations = conversationItems
        return [
            "conversations": .list(conversations),
            "has_conversations": .bool(!conversations.isEmpty),
        ]
    }

    func conversation(_ conversation: Conversation, bodies: [String]) -> [String: MustacheValue] {
        let messages = zip(conversation.messages, bodies).map { message, html in
            MustacheValue.object([
                "from": .string(message.from), "html": .string(html),
                "at": .string(strings.time(ContentTime(instant: message.at, hasTime: true))),
                "at_iso": .string(UTCStamp.iso8601(message.at)),
                "at_unix": .string(String(Int64(message.at.timeIntervalSince1970))),
            ])
        }
        return [
            "id": .string(conversation.id), "title": .string(conversation.title),
            "messages": .list(messages),
        ]
    }
}

/// The orders lists are shown in: newest first, so what is new is on top.
enum Sorting {
    static func reports(_ reports: [Report]) -> [Report] {
        reports.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
    }

    static func documents(_ documents: [Document]) -> [Document] {
        documents.sorted { lhs, rhs in
            switch (lhs.date, rhs.date) {
            case (let l?, let r?): return (l, lhs.id) > (r, rhs.id)
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return lhs.title < rhs.title
            }
        }
    }

    static func conversations(_ conversations: [Conversation]) -> [Conversation] {
        conversations.sorted { lhs, rhs in
            let l = lhs.messages.last?.at ?? .distantPast
            let r = rhs.messages.last?.at ?? .distantPast
            return (l, lhs.id) > (r, rhs.id)
        }
    }
}

/// How a downloadable file is described in lists.
enum FileKinds {
    static func label(for name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.uppercased() } ?? ""
        return ext.isEmpty || ext == name.uppercased() ? "" : ext
    }

    static func size(_ bytes: Int, strings: Strings) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\((bytes + 1023) / 1024) kB" }
        let tenths = (bytes * 10 / (1024 * 1024))
        let separator = strings.language == .nl ? "," : "."
        return "\(tenths / 10)\(separator)\(tenths % 10) MB"
    }
}
