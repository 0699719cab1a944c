import CCmark

#if canImport(Glibc)
    import Glibc
#endif

/// A link or image destination found in a Markdown text, with the line it is on.
public struct LinkReference: Sendable, Equatable {
    public enum Kind: Sendable { case link, image }

    public var kind: Kind
    public var destination: String
    /// 1-based line within the Markdown text given to `Markdown.render`.
    public var line: Int
}

/// The HTML of one Markdown text and the links it holds.
public struct RenderedMarkdown: Sendable, Equatable {
    public var html: String
    public var links: [LinkReference]
}

/// CommonMark rendering through cmark, always in cmark's safe mode.
///
/// Safe mode (cmark's default unless `CMARK_OPT_UNSAFE` is passed) replaces raw HTML with a
/// comment and drops `javascript:`, `vbscript:`, `file:` and most `data:` destinations, so care
/// workers' text can never place script on a client's page.
public enum Markdown {
    /// Renders `text`, letting `rewrite` replace each link or image destination first.
    ///
    /// `rewrite` returns the destination to use, or nil to keep the original.
    public static func render(
        _ text: String,
        rewrite: (LinkReference) -> String? = { _ in nil }
    ) -> RenderedMarkdown {
        let options = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8
        guard let document = parse(text, options: options) else {
            return RenderedMarkdown(html: "", links: [])
        }
        defer { cmark_node_free(document) }

        let links = rewriteLinks(in: document, using: rewrite)
        return RenderedMarkdown(html: html(of: document, options: options), links: links)
    }

    private static func parse(_ text: String, options: Int32) -> OpaquePointer? {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
    }

    private static func html(of document: OpaquePointer, options: Int32) -> String {
        guard let raw = cmark_render_html(document, options) else { return "" }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Walks the tree once; cmark's iterator allows changing a node's URL during the walk.
    private static func rewriteLinks(
        in document: OpaquePointer,
        using rewrite: (LinkReference) -> String?
    ) -> [LinkReference] {
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }

        var links: [LinkReference] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                let kind = linkKind(node)
            else {
                continue
            }
            let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let reference = LinkReference(
                kind: kind, destination: destination, line: line(of: node))
            links.append(reference)
            if let replacement = rewrite(reference) {
                _ = cmark_node_set_url(node, replacement)
            }
        }
        return links
    }

    private static func linkKind(_ node: OpaquePointer) -> LinkReference.Kind? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return nil
        }
    }

    /// cmark keeps positions for blocks only, so an inline takes its enclosing block's line.
    private static func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line }
            current = cmark_node_parent(candidate)
        }
        return 1
    }
}
