/// One SQLite value, as bound to a statement or read from a result column.
public enum SQLValue: Sendable, Equatable {
    /// SQL NULL.
    case null
    /// A 64-bit signed integer (also how careportal stores times, as chosen by callers).
    case integer(Int64)
    /// An IEEE 754 double.
    case real(Double)
    /// UTF-8 text; may contain NUL characters.
    case text(String)
    /// Raw bytes; may be empty.
    case blob([UInt8])
}

extension SQLValue {
    /// The integer, or nil when the value holds another type.
    public var int: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The floating-point number, or nil when the value holds another type.
    public var real: Double? {
        if case .real(let value) = self { value } else { nil }
    }

    /// The text, or nil when the value holds another type.
    public var text: String? {
        if case .text(let value) = self { value } else { nil }
    }

    /// The bytes, or nil when the value holds another type.
    public var blob: [UInt8]? {
        if case .blob(let value) = self { value } else { nil }
    }

    /// True for SQL NULL.
    public var isNull: Bool { self == .null }
}

extension SQLValue: ExpressibleByStringLiteral {
    /// A text value from a literal.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    /// An integer value from a literal.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
    /// A real value from a literal.
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByNilLiteral {
    /// SQL NULL from `nil`.
    public init(nilLiteral: ()) { self = .null }
}
