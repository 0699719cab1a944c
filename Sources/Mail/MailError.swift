/// Why a message could not be built or the outbox could not be used.
public enum MailError: Error, Sendable, Equatable {
    /// A header value (subject, display name) holds a line break or other control character.
    case controlCharacter(field: String)

    /// An address is not a plain `local@domain` address.
    case invalidAddress(field: String)

    /// The date cannot be written as an RFC 5322 date (before 1970 or after 9999).
    case invalidDate

    /// An outbox file could not be read or written; `reason` names the step and the cause.
    case storage(reason: String)

    /// What went wrong and what to do, without the value itself (it may be personal data).
    public var message: String {
        switch self {
        case .controlCharacter(let field):
            "The \(field) contains a line break or control character; remove it."
        case .invalidAddress(let field):
            "The \(field) address is not a valid e-mail address (name@domain); correct it."
        case .invalidDate:
            "The message date is outside 1970–9999; check the system clock."
        case .storage(let reason):
            "The outbox could not be used: \(reason). Check that the folder is writable."
        }
    }
}

extension MailError: CustomStringConvertible {
    /// The message, for logs.
    public var description: String { message }
}
