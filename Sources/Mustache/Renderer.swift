/// Walks a node tree for one render call; each call owns its renderer, so renders never share
/// mutable state and a `Template` can be used from many threads.
struct Renderer {
    /// How deep partials may include partials before the rest is left out.
    static let maxPartialDepth = 100

    // Bytes rather than a String: appending a run of bytes is a plain copy, while each String
    // append re-checks UTF-8 boundaries. The bytes become one String when rendering ends.
    private(set) var output: [UInt8] = []
    private var context: ContextStack
    private let partials: [String: Template]
    private var partialDepth = 0

    init(contexts: [MustacheValue], partials: [String: Template], capacity: Int) {
        self.context = ContextStack(roots: contexts)
        self.partials = partials
        output.reserveCapacity(capacity)
    }

    /// Renders nodes; `indentation` goes before each template line of a standalone partial.
    mutating func render(_ nodes: [Node], indentation: String) {
        for node in nodes {
            switch node {
            case .text(let chunk):
                appendText(chunk, indentation: indentation)
            case .variable(let path, let escaped):
                appendValue(context.resolve(path), escaped: escaped)
            case .section(let path, let body, let inverted):
                renderSection(path, body: body, inverted: inverted, indentation: indentation)
            case .partial(let name, let standaloneIndentation?):
                renderPartial(named: name, indentation: indentation + standaloneIndentation)
            case .partial(let name, nil):
                renderPartial(named: name, indentation: "")
            }
        }
    }

    private mutating func appendText(_ chunk: TextChunk, indentation: String) {
        guard !indentation.isEmpty, !chunk.lineStarts.isEmpty else {
            output.append(contentsOf: chunk.text.utf8)
            return
        }

        let utf8 = chunk.text.utf8
        var from = utf8.startIndex
        for lineStart in chunk.lineStarts {
            output.append(contentsOf: utf8[from..<lineStart])
            output.append(contentsOf: indentation.utf8)
            from = lineStart
        }
        output.append(contentsOf: utf8[from..<utf8.endIndex])
    }

    /// Lists and objects have no text form, so, like missing names, they print nothing.
    private mutating func appendValue(_ value: MustacheValue, escaped: Bool) {
        switch value {
        case .string(let text) where escaped:
            appendHTMLEscaped(text, to: &output)
        case .string(let text):
            output.append(contentsOf: text.utf8)
        case .number(let number):
            output.append(contentsOf: formatNumber(number).utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null, .list, .object:
            break
        }
    }

    private mutating func renderSection(
        _ path: NamePath, body: [Node], inverted: Bool, indentation: String
    ) {
        let value = context.resolve(path)

        if inverted {
            if !value.isTruthy {
                render(body, indentation: indentation)
            }
            return
        }

        switch value {
        case .list(let items):
            for item in items {
                renderBody(body, in: item, indentation: indentation)
            }
        case .null, .bool(false):
            break
        default:
            renderBody(body, in: value, indentation: indentation)
        }
    }

    private mutating func renderBody(_ body: [Node], in value: MustacheValue, indentation: String) {
        context.push(value)
        render(body, indentation: indentation)
        context.pop()
    }

    /// Missing partials render nothing; the depth limit stops self-including partials.
    private mutating func renderPartial(named name: String, indentation: String) {
        guard partialDepth < Self.maxPartialDepth, let partial = partials[name] else {
            return
        }

        partialDepth += 1
        render(partial.nodes, indentation: indentation)
        partialDepth -= 1
    }
}
