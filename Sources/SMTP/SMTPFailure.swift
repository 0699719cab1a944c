import CCurl

/// Turns a failed libcurl transfer into an SMTPError that says whether to retry.
enum SMTPFailure {
    static func error(for code: CURLcode, reply: Int) -> SMTPError {
        let permanent = isPermanent(code, reply: reply)
        let what = CurlText.describe(code) + (reply > 0 ? " (server reply \(reply))" : "")
        let advice =
            permanent
            ? "The server refused the message; check the sender and recipient addresses."
            : "It will be retried; check that the SMTP server is reachable and the login is set."
        return SMTPError(
            message: "Sending mail failed: \(what). \(advice)",
            isPermanent: permanent)
    }

    /// A 5xx reply refuses this message for good (RFC 5321 section 4.2.1).
    ///
    /// A refused login (535) is also 5xx, but it is the configuration that is wrong, not the
    /// message: it stays queued until the login is fixed.
    private static func isPermanent(_ code: CURLcode, reply: Int) -> Bool {
        (500..<600).contains(reply) && code != CURLE_LOGIN_DENIED
    }
}
