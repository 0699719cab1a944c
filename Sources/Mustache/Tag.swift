/// What a tag does, decided by the character right after the opening delimiter.
enum TagKind {
    case variable(escaped: Bool)
    case section(inverted: Bool)
    case close
    case partial
    case comment
    case setDelimiters

    /// Tags that produce no text of their own vanish with their line when alone on it.
    var canStandAlone: Bool {
        if case .variable = self {
            return false
        }
        return true
    }

    /// The kind for a sigil byte, and whether that byte is part of the syntax (not the name).
    static func from(sigil: UInt8) -> (kind: TagKind, consumesSigil: Bool) {
        switch sigil {
        case UInt8(ascii: "{"), UInt8(ascii: "&"): return (.variable(escaped: false), true)
        case UInt8(ascii: "#"): return (.section(inverted: false), true)
        case UInt8(ascii: "^"): return (.section(inverted: true), true)
        case UInt8(ascii: "/"): return (.close, true)
        case UInt8(ascii: ">"): return (.partial, true)
        case UInt8(ascii: "!"): return (.comment, true)
        case UInt8(ascii: "="): return (.setDelimiters, true)
        default: return (.variable(escaped: true), false)
        }
    }
}

/// One tag as found in the source, with its byte range for positions and standalone checks.
struct Tag {
    let kind: TagKind
    /// The text between sigil and closing delimiter, without surrounding whitespace.
    let content: String
    /// Offset of the opening delimiter.
    let start: Int
    /// Offset just past the closing delimiter.
    let end: Int
}
