import Foundation

/// Loads `documents/`: Markdown pages, and other files with optional `.yaml` sidecars.
struct DocumentsFolder {
    let folder: ClientFolder

    private var base: String { "clients/\(folder.id)/documents" }

    func load(problems: inout ProblemList) -> [Document] {
        let names = folder.entries("documents")
        let present = Set(names)
        var documents: [Document] = []
        var slugs = SlugRegistry()
        for name in names {
            let file = "\(base)/\(name)"
            if name.hasSuffix(".yaml") {
                checkSidecar(name, file: file, present: present, problems: &problems)
                continue
            }
            guard !folder.url(file).hasDirectoryPath, !isDirectory(file) else {
                problems.add(
                    "documents/ cannot hold folders; put the files directly in it",
                    file: file)
                continue
            }
            let slug = Identifier.slug(name.hasSuffix(".md") ? String(name.dropLast(3)) : name)
            guard slugs.claim(slug, file: file, problems: &problems) else { continue }
            let document =
                name.hasSuffix(".md")
                ? markdown(file, slug: slug, problems: &problems)
                : attachment(name, file: file, slug: slug, present: present, problems: &problems)
            if let document { documents.append(document) }
        }
        return documents
    }

    private func isDirectory(_ file: String) -> Bool {
        ContentLoader(root: folder.root).isDirectory(folder.url(file))
    }

    private func checkSidecar(
        _ name: String, file: String, present: Set<String>,
        problems: inout ProblemList
    ) {
        let described = String(name.dropLast(5))
        guard !present.contains(described) else { return }
        problems.add(
            "this describes '\(described)', which is not in documents/; add the file "
                + "or remove the description", file: file)
    }

    private func markdown(_ file: String, slug: String, problems: inout ProblemList) -> Document? {
        folder.readMarkdown(file, problems: &problems) { fields, body in
            let title = fields.text("title")
            let date = fields.time("date", reader: folder.reader)
            guard let title, let date else { return nil }
            return Document(
                id: "documents/\(slug)", slug: slug, title: title, date: date,
                body: .markdown(body))
        }
    }

    private func attachment(
        _ name: String, file: String, slug: String, present: Set<String>,
        problems: inout ProblemList
    ) -> Document? {
        let bytes = fileSize(folder.url(file))
        var title = name
        var date: ContentTime?
        var description: String?
        if present.contains(name + ".yaml") {
            let sidecar = file + ".yaml"
            let loader = ContentLoader(root: folder.root)
            guard
                let node = loader.readYAML(
                    folder.url(sidecar), file: sidecar,
                    problems: &problems),
                var fields = Fields(
                    node, file: sidecar, what: "a description",
                    problems: &problems)
            else { return nil }
            title = fields.text("title") ?? name
            date = fields.time("date", reader: folder.reader, required: false)
            description = fields.text("description", required: false)
            problems.add(contentsOf: fields.finish())
        }
        return Document(
            id: "documents/\(slug)", slug: slug, title: title, date: date,
            body: .file(source: file, fileName: name, bytes: bytes, description: description))
    }

    private func fileSize(_ url: URL) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }
}
