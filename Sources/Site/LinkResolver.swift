import Content
import Foundation
import Markdown

/// Maps a client's source files to the URLs they are built at, and checks Markdown links.
///
/// Care workers link to other files as they see them in the editor
/// (`../documents/hulpverleningsplan.md`); the portal needs the built URL, and a link that
/// leads nowhere must fail the build rather than disappoint a parent.
struct LinkResolver {
    let clientID: String
    /// Content-relative source path → site URL.
    private(set) var urls: [String: String] = [:]

    init(client: Client) {
        clientID = client.id
        let base = "/clients/\(client.id)"
        urls["clients/\(client.id)/client.yaml"] = "\(base)/persons.html"
        urls["clients/\(client.id)/agenda.yaml"] = "\(base)/agenda/"
        for report in client.reports {
            urls[report.body.file] = "\(base)/\(report.id).html"
        }
        for document in client.documents {
            switch document.body {
            case .markdown(let source): urls[source.file] = "\(base)/\(document.id).html"
            case .file(let source, let name, _, _): urls[source] = Self.fileURL(base, name)
            }
        }
        for conversation in client.conversations {
            if let file = conversation.messages.first?.text.file {
                urls[file] = "\(base)/\(conversation.id).html"
            }
        }
    }

    /// Where a document file is served: its slug with the original extension.
    static func fileURL(_ base: String, _ fileName: String) -> String {
        "\(base)/documents/files/\(servedName(fileName))"
    }

    static func servedName(_ fileName: String) -> String {
        let dot = fileName.lastIndex(of: ".")
        let stem = dot.map { String(fileName[..<$0]) } ?? fileName
        let ext = dot.map { Identifier.slug(String(fileName[fileName.index(after: $0)...])) }
        let slug = Identifier.slug(stem).isEmpty ? "file" : Identifier.slug(stem)
        guard let ext, !ext.isEmpty else { return slug }
        return "\(slug).\(ext)"
    }

    /// Renders `source`, rewriting links to other content files and noting broken ones.
    func render(_ source: MarkdownSource, problems: inout ProblemList) -> String {
        var broken: [LinkReference] = []
        let rendered = Markdown.render(source.text) { link in
            switch resolve(link.destination, from: source.file) {
            case .keep: return nil
            case .rewrite(let url): return url
            case .broken:
                broken.append(link)
                return nil
            }
        }
        for link in broken {
            let what = link.kind == .image ? "image" : "link"
            problems.add(
                "\(what) to '\(link.destination)', which does not exist; link to "
                    + "another file of this client, e.g. ../documents/plan.md",
                file: source.file, line: source.firstLine + link.line - 1)
        }
        return rendered.html
    }

    enum Resolution: Equatable {
        case keep
        case rewrite(String)
        case broken
    }

    /// Decides what a destination means: another site, a file of this client, or nothing.
    func resolve(_ destination: String, from file: String) -> Resolution {
        if destination.isEmpty || destination.hasPrefix("#") { return .keep }
        if hasScheme(destination) { return .keep }
        let (path, fragment) = split(destination)
        if path.hasPrefix("/") {
            return knownURL(path) ? .keep : .broken
        }
        let decoded = path.removingPercentEncoding ?? path
        guard let target = normalize(decoded, relativeTo: file), let url = urls[target] else {
            return .broken
        }
        return .rewrite(url + fragment)
    }

    private func knownURL(_ path: String) -> Bool {
        path.hasPrefix("/assets/") || urls.values.contains(path)
            || path == "/clients/\(clientID)/"
            || Self.sectionPaths.contains {
                path == "/clients/\(clientID)/\($0)"
            }
    }

    private static let sectionPaths = [
        "persons.html", "documents/", "reports/", "conversations/", "agenda/", "agenda.ics",
    ]

    private func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        return !scheme.isEmpty && !scheme.contains("/")
            && scheme.allSatisfy {
                $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "."
            }
    }

    private func split(_ destination: String) -> (String, String) {
        guard let hash = destination.firstIndex(of: "#") else { return (destination, "") }
        return (String(destination[..<hash]), String(destination[hash...]))
    }

    /// Joins a relative path onto the folder of `file`, refusing to climb out of the content.
    private func normalize(_ path: String, relativeTo file: String) -> String? {
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for piece in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch piece {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }
}
