/// The data a template renders: a JSON-like tree, so contexts are cheap to build and to share.
public indirect enum MustacheValue: Sendable, Equatable {
    /// No value; renders empty and hides sections.
    case null
    /// Renders as `true`/`false`; `false` hides sections.
    case bool(Bool)
    /// Whole numbers render without a fraction: 85 renders "85", 1.210 renders "1.21".
    case number(Double)
    /// Text, HTML-escaped by `{{name}}` and raw in `{{{name}}}` or `{{&name}}`.
    case string(String)
    /// A section repeats once per item; an empty list hides it.
    case list([MustacheValue])
    /// Named fields, looked up by tag names and dotted paths.
    case object([String: MustacheValue])
}

extension MustacheValue {
    /// Whether a section shows its body: null, false and empty lists hide it.
    var isTruthy: Bool {
        switch self {
        case .null:
            return false
        case .bool(let flag):
            return flag
        case .list(let items):
            return !items.isEmpty
        case .number, .string, .object:
            return true
        }
    }
}

extension MustacheValue: ExpressibleByStringLiteral {
    /// Lets contexts be written with plain string literals.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension MustacheValue: ExpressibleByBooleanLiteral {
    /// Lets contexts be written with `true` and `false`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension MustacheValue: ExpressibleByIntegerLiteral {
    /// Lets contexts be written with integer literals.
    public init(integerLiteral value: Int) {
        self = .number(Double(value))
    }
}

extension MustacheValue: ExpressibleByFloatLiteral {
    /// Lets contexts be written with decimal literals.
    public init(floatLiteral value: Double) {
        self = .number(value)
    }
}

extension MustacheValue: ExpressibleByArrayLiteral {
    /// Lets lists be written as array literals.
    public init(arrayLiteral elements: MustacheValue...) {
        self = .list(elements)
    }
}

extension MustacheValue: ExpressibleByDictionaryLiteral {
    /// Lets objects be written as dictionary literals; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
