import CYAML

/// Parses YAML text into a `Node` tree with libyaml's event parser.
///
/// Anchors and aliases are refused: care content has no use for them, and refusing them closes
/// the door on alias bombs. Nesting is capped for the same reason.
public enum YAMLParser {
    /// The deepest nesting accepted; deeper input is an error, not a stack overflow.
    public static let maximumDepth = 64

    /// Parses one document. An empty text gives nil; more than one document is an error.
    public static func parse(_ text: String) throws(YAMLError) -> Node? {
        let reader = EventReader(text)
        return try reader.readStream()
    }
}

/// Owns one libyaml parser and turns its events into nodes.
///
/// libyaml keeps a pointer to the input buffer for the parser's whole life, so the buffer is
/// owned here and freed only in `deinit`, after `yaml_parser_delete`.
private final class EventReader {
    private var parser = yaml_parser_t()
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var isReady = false

    init(_ text: String) {
        let bytes = Array(text.utf8)
        input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        isReady = yaml_parser_initialize(&parser) == 1
        if isReady {
            yaml_parser_set_input_string(&parser, input.baseAddress, bytes.count)
        }
    }

    deinit {
        if isReady { yaml_parser_delete(&parser) }
        input.deallocate()
    }

    func readStream() throws(YAMLError) -> Node? {
        guard isReady else { throw YAMLError("the YAML parser could not start", at: start) }
        var document: Node?
        while true {
            let event = try next()
            switch event.kind {
            case .streamEnd:
                return document
            case .documentStart:
                if document != nil {
                    throw YAMLError(
                        "only one YAML document is allowed; remove the extra '---'",
                        at: event.mark)
                }
                document = try readNode(depth: 0)
                _ = try expect(.documentEnd)
            default:
                continue
            }
        }
    }

    private var start: Mark { Mark(line: 1, column: 1) }

    private func readNode(depth: Int) throws(YAMLError) -> Node {
        let event = try next()
        return try readNode(startingWith: event, depth: depth)
    }

    private func readNode(startingWith event: Event, depth: Int) throws(YAMLError) -> Node {
        if depth > YAMLParser.maximumDepth {
            throw YAMLError(
                "nested more than \(YAMLParser.maximumDepth) levels deep",
                at: event.mark)
        }
        switch event.kind {
        case .scalar(let text, let quoted):
            return Node(.scalar(text, quoted: quoted), at: event.mark)
        case .sequenceStart:
            return Node(.sequence(try readItems(depth: depth)), at: event.mark)
        case .mappingStart:
            return Node(.mapping(try readPairs(depth: depth)), at: event.mark)
        case .alias:
            throw YAMLError(
                "aliases (*name) are not supported; write the value out",
                at: event.mark)
        default:
            throw YAMLError("unexpected structure in YAML", at: event.mark)
        }
    }

    private func readItems(depth: Int) throws(YAMLError) -> [Node] {
        var items: [Node] = []
        while true {
            let event = try next()
            if case .sequenceEnd = event.kind { return items }
            items.append(try readNode(startingWith: event, depth: depth + 1))
        }
    }

    private func readPairs(depth: Int) throws(YAMLError) -> [Node.Pair] {
        var pairs: [Node.Pair] = []
        var seen: Set<String> = []
        while true {
            let event = try next()
            if case .mappingEnd = event.kind { return pairs }
            let key = try readNode(startingWith: event, depth: depth + 1)
            guard let name = key.scalar else {
                throw YAMLError("a key must be a single value", at: key.mark)
            }
            if !seen.insert(name).inserted {
                throw YAMLError("the key '\(name)' appears twice; keep one", at: key.mark)
            }
            let value = try readNode(depth: depth + 1)
            pairs.append(Node.Pair(key: key, value: value))
        }
    }

    private func expect(_ kind: Event.Kind) throws(YAMLError) -> Event {
        let event = try next()
        guard event.kind == kind else {
            throw YAMLError("unexpected structure in YAML", at: event.mark)
        }
        return event
    }

    /// Pulls the next event from libyaml, copying what it holds before the event is freed.
    private func next() throws(YAMLError) -> Event {
        var raw = yaml_event_t()
        guard yaml_parser_parse(&parser, &raw) == 1 else { throw parserError() }
        defer { yaml_event_delete(&raw) }

        let mark = Mark(line: Int(raw.start_mark.line) + 1, column: Int(raw.start_mark.column) + 1)
        if raw.type == YAML_MAPPING_START_EVENT || raw.type == YAML_SEQUENCE_START_EVENT
            || raw.type == YAML_SCALAR_EVENT, hasAnchor(raw)
        {
            throw YAMLError("anchors (&name) are not supported; write the value out", at: mark)
        }
        return Event(kind: Event.Kind(raw), mark: mark)
    }

    private func hasAnchor(_ raw: yaml_event_t) -> Bool {
        switch raw.type {
        case YAML_SCALAR_EVENT: return raw.data.scalar.anchor != nil
        case YAML_SEQUENCE_START_EVENT: return raw.data.sequence_start.anchor != nil
        case YAML_MAPPING_START_EVENT: return raw.data.mapping_start.anchor != nil
        default: return false
        }
    }

    private func parserError() -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        let place = parser.problem_mark
        let mark = Mark(line: Int(place.line) + 1, column: Int(place.column) + 1)
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) (\(context))"
        }
        return YAMLError(message, at: mark)
    }
}

/// A libyaml event reduced to what the tree builder needs, owning its strings.
private struct Event {
    enum Kind: Equatable {
        case streamStart, streamEnd, documentStart, documentEnd
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
        case scalar(String, quoted: Bool)
        case alias
        case none

        init(_ raw: yaml_event_t) {
            switch raw.type {
            case YAML_STREAM_START_EVENT: self = .streamStart
            case YAML_STREAM_END_EVENT: self = .streamEnd
            case YAML_DOCUMENT_START_EVENT: self = .documentStart
            case YAML_DOCUMENT_END_EVENT: self = .documentEnd
            case YAML_SEQUENCE_START_EVENT: self = .sequenceStart
            case YAML_SEQUENCE_END_EVENT: self = .sequenceEnd
            case YAML_MAPPING_START_EVENT: self = .mappingStart
            case YAML_MAPPING_END_EVENT: self = .mappingEnd
            case YAML_ALIAS_EVENT: self = .alias
            case YAML_SCALAR_EVENT: self = Kind.scalar(raw)
            default: self = .none
            }
        }

        private static func scalar(_ raw: yaml_event_t) -> Kind {
            let data = raw.data.scalar
            let length = Int(data.length)
            let text: String
            if let value = data.value, length > 0 {
                let buffer = UnsafeBufferPointer(start: value, count: length)
                text = String(decoding: buffer, as: UTF8.self)
            } else {
                text = ""
            }
            return .scalar(text, quoted: data.style != YAML_PLAIN_SCALAR_STYLE)
        }
    }

    var kind: Kind
    var mark: Mark
}
