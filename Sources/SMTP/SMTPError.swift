/// Why a message could not be handed to the mail server.
public struct SMTPError: Error, Sendable, Equatable {
    /// What went wrong and what to do; holds no address, password or message text.
    public var message: String

    /// True for a 5xx refusal: sending the same message again will fail the same way.
    public var isPermanent: Bool

    /// An error with its message and whether a retry can help.
    public init(message: String, isPermanent: Bool) {
        self.message = message
        self.isPermanent = isPermanent
    }
}

extension SMTPError: CustomStringConvertible {
    /// The message, for logs.
    public var description: String { message }
}
