extension Parser {
    /// Starts collecting a section body; the enclosing nodes wait on the stack.
    mutating func openSection(_ tag: Tag, inverted: Bool) throws(MustacheError) {
        let path = try namePath(of: tag)
        let section = OpenSection(
            name: tag.content,
            path: path,
            inverted: inverted,
            tagStart: tag.start,
            enclosingNodes: nodes
        )

        openSections.append(section)
        nodes = []
    }

    /// Ends the innermost section, which must carry the same name as the closing tag.
    mutating func closeSection(_ tag: Tag) throws(MustacheError) {
        guard let section = openSections.popLast() else {
            let opener = spell("#" + tag.content)
            throw error(
                at: tag.start,
                "closing tag '\(tag.content)' has no open section; remove it or add \(opener)"
            )
        }

        guard section.name == tag.content else {
            let opened = SourceLocation(offset: section.tagStart, in: bytes)
            let closer = spell("/" + section.name)
            throw error(
                at: tag.start,
                "closing tag '\(tag.content)' does not match section '\(section.name)' "
                    + "opened at \(opened.line):\(opened.column); close it first with \(closer)"
            )
        }

        let body = nodes
        nodes = section.enclosingNodes
        nodes.append(.section(section.path, body: body, inverted: section.inverted))
    }

    /// Splits a tag name on dots, rejecting names that could never match anything.
    func namePath(of tag: Tag) throws(MustacheError) -> NamePath {
        let name = tag.content

        if name == "." {
            return NamePath(components: [])
        }
        guard !name.isEmpty else {
            throw error(at: tag.start, "tag has no name; write a name such as \(spell("name"))")
        }
        guard !name.contains(where: \.isWhitespace) else {
            throw error(at: tag.start, "tag name '\(name)' contains whitespace; remove it")
        }

        let components = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !components.contains(where: \.isEmpty) else {
            throw error(at: tag.start, "tag name '\(name)' has an empty part between dots")
        }
        return NamePath(components: components.map(String.init))
    }
}
