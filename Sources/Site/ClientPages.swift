import Content
import Foundation
import Mustache

/// A file of the built site: rendered bytes, or a content file copied as it is.
struct OutputFile: Sendable {
    enum Body: Sendable {
        case bytes([UInt8])
        case copy(URL)
    }

    /// Relative to the site root: `clients/sanne/reports/intake.html`.
    var path: String
    var body: Body
}

/// Everything one client contributes to a build.
struct ClientOutput: Sendable {
    var files: [OutputFile]
    var record: ClientRecord
}

/// Renders every page of one client with the theme.
struct ClientPages: Sendable {
    let portal: Portal
    let theme: Theme
    let strings: Strings
    let contentRoot: URL

    func render(
        _ client: Client, fingerprint: String,
        problems: inout ProblemList
    ) -> ClientOutput {
        var context = PageContext(
            client: client, portal: portal, theme: theme, strings: strings,
            links: LinkResolver(client: client))
        var files: [OutputFile] = []
        files += context.page(
            "index.html", template: "dashboard", title: strings["nav_dashboard"],
            section: "dashboard", data: context.dashboard())
        files += context.page(
            "persons.html", template: "persons", title: strings["nav_persons"],
            section: "persons", data: context.persons())
        files += documentPages(&context, problems: &problems)
        files += reportPages(&context, problems: &problems)
        files += conversationPages(&context, problems: &problems)

        let agenda = AgendaPages(context: context)
        files += agenda.pages()
        let ics = ICalendar.document(for: client, portal: portal)
        files.append(
            OutputFile(
                path: "agenda.ics",
                body: .bytes(Array(ics.utf8))))
        let record = ClientRecord(
            fingerprint: fingerprint, entry: entry(client, weeks: agenda.range),
            users: client.users.map {
                ClientRecord.User(
                    username: $0.username, name: $0.name, email: $0.email,
                    file: $0.file, line: $0.line, column: $0.column)
            })
        files.append(ClientRecordView.file(agenda.fragments()))
        return ClientOutput(files: files, record: record)
    }

    private func documentPages(
        _ context: inout PageContext,
        problems: inout ProblemList
    ) -> [OutputFile] {
        var files = context.page(
            "documents/index.html", template: "documents",
            title: strings["nav_documents"], section: "documents",
            data: context.documentList())
        for document in context.client.documents {
            switch document.body {
            case .markdown(let source):
                let html = context.links.render(source, problems: &problems)
                files += context.page(
                    "\(document.id).html", template: "document",
                    title: document.title, section: "documents",
                    data: context.document(document, html: html))
            case .file(let source, let name, _, _):
                let served = LinkResolver.servedName(name)
                files.append(
                    OutputFile(
                        path: "documents/files/\(served)",
                        body: .copy(contentRoot.appendingPathComponent(source))))
            }
        }
        return files
    }

    private func reportPages(
        _ context: inout PageContext,
        problems: inout ProblemList
    ) -> [OutputFile] {
        var files = context.page(
            "reports/index.html", template: "reports",
            title: strings["nav_reports"], section: "reports",
            data: context.reportList())
        for report in context.client.reports {
            let html = context.links.render(report.body, problems: &problems)
            files += context.page(
                "\(report.id).html", template: "report", title: report.title,
                section: "reports", data: context.report(report, html: html))
        }
        return files
    }

    private func conversationPages(
        _ context: inout PageContext,
        problems: inout ProblemList
    ) -> [OutputFile] {
        var files = context.page(
            "conversations/index.html", template: "conversations",
            title: strings["nav_conversations"], section: "conversations",
            data: context.conversationList())
        for conversation in context.client.conversations {
            let bodies = conversation.messages.map {
                context.links.render($0.text, problems: &problems)
            }
            files += context.page(
                "\(conversation.id).html", template: "conversation",
                title: conversation.title, section: "conversations",
                data: context.conversation(conversation, bodies: bodies))
        }
        return files
    }

    private func entry(_ client: Client, weeks: ClosedRange<Week>?) -> Manifest.ClientEntry {
        let base = "/clients/\(client.id)"
        var items: [Manifest.ItemEntry] = []
        for report in client.reports {
            items.append(
                .init(
                    id: report.id, kind: "report", title: report.title,
                    date: UTCStamp.iso8601(report.date.instant),
                    url: "\(base)/\(report.id).html"))
        }
        for document in client.documents {
            items.append(
                .init(
                    id: document.id, kind: "document", title: document.title,
                    date: document.date.map { UTCStamp.iso8601($0.instant) },
                    url: PageContext.documentURL(document, base: base)))
        }
        var conversations: [Manifest.ConversationEntry] = []
        for conversation in client.conversations {
            let times = conversation.messages.map { UTCStamp.iso8601($0.at) }
            items.append(
                .init(
                    id: conversation.id, kind: "conversation",
                    title: conversation.title, date: times.last,
                    url: "\(base)/\(conversation.id).html"))
            conversations.append(
                .init(
                    id: conversation.id, key: conversation.openingKey,
                    title: conversation.title, messageTimes: times))
        }
        return Manifest.ClientEntry(
            id: client.id, name: client.name, items: items,
            conversations: conversations,
            firstWeek: weeks.map { "\($0.lowerBound)" },
            lastWeek: weeks.map { "\($0.upperBound)" })
    }
}
