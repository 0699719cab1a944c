/// One piece of a parsed template; a template is a tree of these, built once and only read.
enum Node: Sendable {
    case text(TextChunk)
    case variable(NamePath, escaped: Bool)
    case section(NamePath, body: [Node], inverted: Bool)
    /// `standaloneIndentation` is nil for an inline partial, whose lines are never indented.
    case partial(name: String, standaloneIndentation: String?)
}

/// Literal text plus the places where a source line begins, so that a partial used as a
/// standalone tag can indent each of its own lines (but not the values it interpolates).
struct TextChunk: Sendable {
    let text: String
    let lineStarts: [String.Index]
}

/// A tag name split on dots at parse time; no components means the implicit iterator `.`.
struct NamePath: Sendable, Equatable {
    let components: [String]
}
