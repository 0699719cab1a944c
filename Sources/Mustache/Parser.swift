/// Turns template source into a node tree in one pass, tracking delimiters and open sections.
struct Parser {
    /// A section whose closing tag has not been seen yet.
    struct OpenSection {
        let name: String
        let path: NamePath
        let inverted: Bool
        let tagStart: Int
        let enclosingNodes: [Node]
    }

    let bytes: [UInt8]
    let templateName: String
    var position = 0
    var delimiters = Delimiters.standard
    var nodes: [Node] = []
    var openSections: [OpenSection] = []

    init(source: String, templateName: String) {
        self.bytes = Array(source.utf8)
        self.templateName = templateName
    }

    /// Parses the whole source; throws on the first structural mistake.
    mutating func parse() throws(MustacheError) -> [Node] {
        while let tagStart = find(delimiters.open, from: position) {
            let tag = try readTag(at: tagStart)
            try consume(tag)
        }

        appendText(upTo: bytes.count, tagFollows: false)

        if let unclosed = openSections.last {
            let hint = delimiters.spell("/" + unclosed.name)
            throw error(
                at: unclosed.tagStart,
                "section '\(unclosed.name)' opened here is never closed; add \(hint)"
            )
        }
        return nodes
    }

    /// Emits the text before a tag, then the tag itself, dropping the line if it stands alone.
    private mutating func consume(_ tag: Tag) throws(MustacheError) {
        if tag.kind.canStandAlone, let line = standaloneLine(around: tag) {
            appendText(upTo: line.start, tagFollows: false)
            position = line.next

            // A standalone partial indents each of its lines by the blanks before its tag.
            let indentation = String(decoding: bytes[line.start..<tag.start], as: UTF8.self)
            try apply(tag, indentation: indentation)
        } else {
            appendText(upTo: tag.start, tagFollows: true)
            position = tag.end
            try apply(tag, indentation: nil)
        }
    }

    private mutating func apply(_ tag: Tag, indentation: String?) throws(MustacheError) {
        switch tag.kind {
        case .variable(let escaped):
            nodes.append(.variable(try namePath(of: tag), escaped: escaped))
        case .section(let inverted):
            try openSection(tag, inverted: inverted)
        case .close:
            try closeSection(tag)
        case .partial:
            try appendPartial(tag, indentation: indentation)
        case .comment:
            break
        case .setDelimiters:
            try changeDelimiters(tag)
        }
    }

    private mutating func appendPartial(
        _ tag: Tag, indentation: String?
    ) throws(MustacheError) {
        guard !tag.content.isEmpty else {
            throw error(at: tag.start, "partial tag has no name; write it as \(spell(">name"))")
        }
        nodes.append(.partial(name: tag.content, standaloneIndentation: indentation))
    }

    private mutating func changeDelimiters(_ tag: Tag) throws(MustacheError) {
        let body = tag.content.hasSuffix("=") ? String(tag.content.dropLast()) : nil

        guard let body, let newDelimiters = Delimiters(setTagBody: body) else {
            let example = spell("=<% %>=")
            throw error(
                at: tag.start,
                "bad set-delimiter tag; give two markers without spaces or '=', like \(example)"
            )
        }
        delimiters = newDelimiters
    }

    /// A tag body written with the current delimiters, for hints.
    func spell(_ body: String) -> String {
        delimiters.spell(body)
    }

    /// An error pointing at a byte offset of the source.
    func error(at offset: Int, _ message: String) -> MustacheError {
        let location = SourceLocation(offset: offset, in: bytes)
        return MustacheError(
            templateName: templateName,
            line: location.line,
            column: location.column,
            message: message
        )
    }
}
