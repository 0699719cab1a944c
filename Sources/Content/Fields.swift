import YAML

/// Reads the fields of one YAML mapping, noting every problem instead of stopping at the first.
///
/// Each accessor marks its field as known; `finish()` then reports the fields nobody asked for,
/// which catches typos such as `titel:` that would otherwise be silently ignored.
struct Fields {
    let file: String
    let node: Node
    private let lineOffset: Int
    private var known: Set<String> = []
    var problems = ProblemList()

    /// `lineOffset` is added to YAML lines, for front matter that starts below line 1.
    init?(
        _ node: Node, file: String, lineOffset: Int = 0, what: String,
        problems: inout ProblemList
    ) {
        guard case .mapping = node.kind else {
            let mark = node.mark
            problems.add(
                "\(what) must be a mapping of fields (name: value), not \(node.kindName)",
                file: file, line: mark.line + lineOffset, column: mark.column)
            return nil
        }
        self.node = node
        self.file = file
        self.lineOffset = lineOffset
    }

    private var pairs: [Node.Pair] {
        if case .mapping(let pairs) = node.kind { return pairs }
        return []
    }

    /// The value node of `name`, if present and not null.
    mutating func value(_ name: String) -> Node? {
        known.insert(name)
        guard let pair = pairs.first(where: { $0.key.scalar == name }) else { return nil }
        return pair.value.isNull ? nil : pair.value
    }

    /// The position of a node, corrected for front matter, for problems about it.
    func place(_ node: Node) -> (line: Int, column: Int) {
        (node.mark.line + lineOffset, node.mark.column)
    }

    mutating func problem(_ message: String, at node: Node) {
        let (line, column) = place(node)
        problems.add(message, file: file, line: line, column: column)
    }

    /// A problem about the mapping as a whole, such as a missing field.
    mutating func problem(_ message: String) {
        problem(message, at: node)
    }

    mutating func text(_ name: String, required: Bool = true) -> String? {
        guard let value = value(name) else {
            if required { problem("missing field '\(name)'; add '\(name): …'") }
            return nil
        }
        guard let text = value.scalar else {
            problem("'\(name)' must be a single value, not \(value.kindName)", at: value)
            return nil
        }
        let trimmed = text.trimmed
        if trimmed.isEmpty, required {
            problem("'\(name)' is empty; give it a value", at: value)
            return nil
        }
        return trimmed
    }

    /// `true` or `false`; `fallback` when the field is absent.
    mutating func flag(_ name: String, fallback: Bool) -> Bool {
        guard let text = text(name, required: false) else { return fallback }
        switch text {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            if let node = value(name) {
                problem("'\(name)' must be true or false, not '\(text)'", at: node)
            }
            return fallback
        }
    }

    mutating func list(_ name: String, required: Bool = true) -> [Node]? {
        guard let value = value(name) else {
            if required { problem("missing field '\(name)'; add a list under '\(name):'") }
            return nil
        }
        guard case .sequence(let items) = value.kind else {
            problem("'\(name)' must be a list (lines starting with '- ')", at: value)
            return nil
        }
        return items
    }

    mutating func email(_ name: String, required: Bool = true) -> String? {
        guard let address = text(name, required: required) else { return nil }
        guard EmailAddress.isValid(address) else {
            if let node = value(name) {
                problem("'\(address)' is not a valid e-mail address (name@domain.tld)", at: node)
            }
            return nil
        }
        return address
    }

    mutating func localDate(_ name: String, required: Bool = true) -> LocalDate? {
        guard let text = text(name, required: required) else { return nil }
        guard let date = LocalDate(parsing: Substring(text)) else {
            if let node = value(name) {
                problem("'\(name)' must be a date written YYYY-MM-DD, not '\(text)'", at: node)
            }
            return nil
        }
        return date
    }

    mutating func time(_ name: String, reader: TimeReader, required: Bool = true) -> ContentTime? {
        guard let text = text(name, required: required), let node = value(name) else { return nil }
        switch reader.time(text) {
        case .success(let time):
            return time
        case .failure(.nonexistentLocalTime):
            problem(
                "'\(text)' does not exist in \(reader.calendar.timeZone.identifier): "
                    + "the clocks skip that hour for daylight saving; pick another time", at: node)
        case .failure(.malformed):
            problem(
                "'\(name)' must be a date (YYYY-MM-DD) or date and time (YYYY-MM-DD HH:MM), "
                    + "not '\(text)'", at: node)
        }
        return nil
    }

    /// Reports every field that no accessor asked for.
    mutating func finish(allowed extra: Set<String> = []) -> ProblemList {
        for pair in pairs {
            guard let name = pair.key.scalar, !known.contains(name), !extra.contains(name) else {
                continue
            }
            let names = known.sorted().joined(separator: ", ")
            problem("unknown field '\(name)'; the fields here are: \(names)", at: pair.key)
        }
        return problems
    }
}

/// A deliberately plain check of an e-mail address: one `@`, a dotted domain, no spaces.
///
/// Whether the mailbox exists is for the mail server to say; this catches typing mistakes.
enum EmailAddress {
    static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        let forbidden = Set(" \t\r\n<>()[],;:\\\"")
        return !address.contains(where: { forbidden.contains($0) }) && address.count <= 254
    }
}

extension String {
    /// Without leading and trailing white space; cheap when there is none, the usual case.
    var trimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if !Self.isSpace(first) && !Self.isSpace(last) && first < 0x80 && last < 0x80 {
            return self
        }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
