import Foundation
import YAML

/// Loads `clients/<id>/`: the client's details and every item in its folders.
struct ClientFolder {
    let root: URL
    let id: String
    let reader: TimeReader

    private var base: String { "clients/\(id)" }
    private var folder: URL { root.appendingPathComponent(base) }
    private let known: Set<String> = [
        "client.yaml", "agenda.yaml", "reports", "documents", "conversations",
    ]

    func load(problems: inout ProblemList) -> Client? {
        let loader = ContentLoader(root: root)
        let file = "\(base)/client.yaml"
        guard let node = loader.readYAML(url(file), file: file, problems: &problems),
            var fields = Fields(node, file: file, what: "client.yaml", problems: &problems)
        else {
            if !FileManager.default.fileExists(atPath: url(file).path) {
                problems.add("missing client.yaml; every client folder needs one", file: file)
            }
            return nil
        }
        let decoded = Client.decode(id: id, &fields)
        problems.add(contentsOf: fields.finish())
        checkUnknownEntries(&problems)
        guard var client = decoded else { return nil }

        let workers = Set(client.careWorkers.map(\.name))
        client.reports = loadReports(workers: workers, problems: &problems)
        client.documents = DocumentsFolder(folder: self).load(problems: &problems)
        client.appointments = loadAgenda(problems: &problems)
        client.conversations = loadConversations(workers: workers, problems: &problems)
        return client
    }

    func url(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    /// Sorted, visible entries of a subfolder; an absent folder is simply empty.
    func entries(_ subfolder: String) -> [String] {
        let path = folder.appendingPathComponent(subfolder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    private func checkUnknownEntries(_ problems: inout ProblemList) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") && !known.contains(name) {
            problems.add(
                "unexpected '\(name)' in a client folder; it may hold client.yaml, "
                    + "agenda.yaml, reports/, documents/ and conversations/",
                file: "\(base)/\(name)")
        }
    }

    /// Reads a Markdown file with front matter; the fields reader is handed to `decode`.
    func readMarkdown<T>(
        _ file: String, problems: inout ProblemList,
        decode: (inout Fields, MarkdownSource) -> T?
    ) -> T? {
        guard let text = SourceFile.read(url(file), as: file, problems: &problems) else {
            return nil
        }
        guard let matter = FrontMatter(text) else {
            problems.add(
                "the file must start with front matter: a line '---', the fields "
                    + "(title: …, date: …), and another line '---'", file: file)
            return nil
        }
        let offset = matter.yamlLine - 1
        guard
            let node = parseYAML(matter.yaml, file: file, lineOffset: offset, problems: &problems),
            var fields = Fields(
                node, file: file, lineOffset: offset, what: "the front matter",
                problems: &problems)
        else { return nil }
        let body = MarkdownSource(text: matter.body, file: file, firstLine: matter.bodyLine)
        let value = decode(&fields, body)
        problems.add(contentsOf: fields.finish())
        return value
    }

    private func loadReports(workers: Set<String>, problems: inout ProblemList) -> [Report] {
        var reports: [Report] = []
        var slugs = SlugRegistry()
        for name in entries("reports") {
            let file = "\(base)/reports/\(name)"
            guard name.hasSuffix(".md") else {
                problems.add(
                    "reports/ holds Markdown files (.md) only; move other files to "
                        + "documents/", file: file)
                continue
            }
            let slug = Identifier.slug(String(name.dropLast(3)))
            guard slugs.claim(slug, file: file, problems: &problems) else { continue }
            let report = readMarkdown(file, problems: &problems) { fields, body in
                decodeReport(slug: slug, body: body, workers: workers, &fields)
            }
            if let report { reports.append(report) }
        }
        return reports
    }

    private func decodeReport(
        slug: String, body: MarkdownSource, workers: Set<String>,
        _ fields: inout Fields
    ) -> Report? {
        let title = fields.text("title")
        let date = fields.time("date", reader: reader)
        let author = fields.text("author")
        if let author, let node = fields.value("author"), !workers.contains(author) {
            fields.problem(
                "author '\(author)' is not one of this client's care_workers "
                    + "(\(workers.sorted().joined(separator: ", ")))", at: node)
        }
        guard let title, let date, let author else { return nil }
        return Report(
            id: "reports/\(slug)", slug: slug, title: title, date: date,
            author: author, body: body)
    }

    private func loadAgenda(problems: inout ProblemList) -> [Appointment] {
        let file = "\(base)/agenda.yaml"
        guard FileManager.default.fileExists(atPath: url(file).path) else { return [] }
        let loader = ContentLoader(root: root)
        guard let node = loader.readYAML(url(file), file: file, problems: &problems) else {
            return []
        }
        guard case .sequence(let items) = node.kind else {
            problems.add(
                "agenda.yaml must be a list of appointments, each starting with '- '",
                file: file, line: node.mark.line, column: node.mark.column)
            return []
        }
        var agenda = AgendaReader(file: file, reader: reader)
        return items.compactMap { agenda.appointment($0, problems: &problems) }
    }

    private func loadConversations(
        workers: Set<String>,
        problems: inout ProblemList
    ) -> [Conversation] {
        var conversations: [Conversation] = []
        var slugs = SlugRegistry()
        for name in entries("conversations") {
            let file = "\(base)/conversations/\(name)"
            guard name.hasSuffix(".yaml") else {
                problems.add("conversations/ holds .yaml files only", file: file)
                continue
            }
            let slug = Identifier.slug(String(name.dropLast(5)))
            guard slugs.claim(slug, file: file, problems: &problems) else { continue }
            let reader = ConversationReader(
                file: file, slug: slug, workers: workers,
                reader: reader)
            if let conversation = reader.load(root: root, problems: &problems) {
                conversations.append(conversation)
            }
        }
        return conversations
    }
}

/// Makes sure two files of one folder do not end up at the same URL.
struct SlugRegistry {
    private var owners: [String: String] = [:]

    mutating func claim(_ slug: String, file: String, problems: inout ProblemList) -> Bool {
        guard !slug.isEmpty else {
            problems.add("the file name needs at least one letter or digit", file: file)
            return false
        }
        if let owner = owners[slug] {
            problems.add(
                "this file gets the same address as \(owner); rename one of them",
                file: file)
            return false
        }
        owners[slug] = file
        return true
    }
}
