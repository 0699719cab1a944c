/// A position in a YAML text, 1-based, as people count lines and columns.
public struct Mark: Sendable, Equatable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One node of a parsed YAML document, with the place it starts so errors can point at it.
///
/// Scalars stay text: deciding whether `2026-12-03` is a date or `0193` a number is the job of
/// whoever knows what the field means, not of the parser.
public struct Node: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case scalar(String, quoted: Bool)
        case sequence([Node])
        case mapping([Pair])
    }

    /// A key and its value, in document order.
    public struct Pair: Sendable, Equatable {
        public var key: Node
        public var value: Node
    }

    public var kind: Kind
    public var mark: Mark

    public init(_ kind: Kind, at mark: Mark) {
        self.kind = kind
        self.mark = mark
    }

    /// The text of a scalar; nil for a sequence or mapping.
    public var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// True for a plain `~`, `null` or empty scalar, which YAML reads as "no value".
    public var isNull: Bool {
        guard case .scalar(let text, let quoted) = kind, !quoted else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// A short name for the kind of node, for error messages.
    public var kindName: String {
        switch kind {
        case .scalar: return "a single value"
        case .sequence: return "a list"
        case .mapping: return "a mapping of fields"
        }
    }
}
