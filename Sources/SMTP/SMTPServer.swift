/// The mail server that outgoing messages are handed to, as set in the configuration.
public struct SMTPServer: Sendable, Equatable {
    /// `smtp://host:port` (STARTTLS when the server offers it) or `smtps://host:port` (TLS);
    /// a path, as in `smtp://relay:587/portal.example.nl`, is the name sent in EHLO.
    public var url: String

    /// The login name, or nil when the server takes mail without logging in.
    public var username: String?

    /// The login password; it is only handed to libcurl, never logged or put in an error.
    public var password: String?

    /// How long one delivery may take, connecting included, before it counts as failed.
    public var timeoutSeconds: Int = 30

    /// A server at `url`, with an optional login.
    public init(
        url: String, username: String? = nil, password: String? = nil, timeoutSeconds: Int = 30
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.timeoutSeconds = timeoutSeconds
    }
}

extension SMTPServer: CustomStringConvertible {
    /// The server without its password, safe for logs.
    public var description: String {
        "SMTPServer(\(url), login: \(username == nil ? "none" : "set"))"
    }
}
