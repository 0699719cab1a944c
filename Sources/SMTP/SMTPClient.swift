import CCurl

/// Hands one finished message to an SMTP server through libcurl.
public enum SMTPClient {
    /// Sends `message` (RFC 5322 bytes with CRLF line ends) from `from` to each address in `to`.
    ///
    /// Returns once the server accepted the message. Blocks the calling thread for at most the
    /// server's timeout.
    public static func send(
        _ message: [UInt8], from: String, to: [String], via server: SMTPServer
    ) throws(SMTPError) {
        try checkEnvelope(from: from, to: to)

        let curl = try CurlEasy()
        try configure(curl, for: server)
        try curl.set(CURLOPT_MAIL_FROM, "<\(from)>")
        try curl.set(CURLOPT_MAIL_RCPT, try CurlStringList(to.map { "<\($0)>" }))
        try curl.set(CURLOPT_INFILESIZE, message.count)
        try curl.upload(UploadSource(message))

        let code = curl.perform()
        guard code != CURLE_OK else { return }

        throw SMTPFailure.error(for: code, reply: curl.responseCode)
    }

    private static func configure(_ curl: CurlEasy, for server: SMTPServer) throws(SMTPError) {
        try curl.set(CURLOPT_URL, server.url)
        // A URL that is not SMTP (file://, http://) must never be followed.
        try curl.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        // libcurl's signal-based DNS timeouts are unsafe with several threads (see
        // CURLOPT_NOSIGNAL); without signals, timeouts still apply to the transfer.
        try curl.set(CURLOPT_NOSIGNAL, 1)
        try curl.set(CURLOPT_CONNECTTIMEOUT, server.timeoutSeconds)
        try curl.set(CURLOPT_TIMEOUT, server.timeoutSeconds)
        try curl.set(CURLOPT_USE_SSL, Int(tlsPolicy(for: server).rawValue))
        try setLogin(curl, for: server)
    }

    /// STARTTLS when offered, but required once a password is set.
    ///
    /// Known limit: without a password, smtp:// falls back to plain text when the server
    /// offers no STARTTLS, because local relays often have none; use smtps:// to require TLS.
    private static func tlsPolicy(for server: SMTPServer) -> curl_usessl {
        server.password == nil ? CURLUSESSL_TRY : CURLUSESSL_ALL
    }

    private static func setLogin(_ curl: CurlEasy, for server: SMTPServer) throws(SMTPError) {
        if let username = server.username {
            try curl.set(CURLOPT_USERNAME, username)
        }
        if let password = server.password {
            try curl.set(CURLOPT_PASSWORD, password)
        }
    }

    /// SMTP commands end at a line break, so one inside an address would start a new command.
    private static func checkEnvelope(from: String, to: [String]) throws(SMTPError) {
        let addresses = [from] + to
        let unsafe = addresses.contains { address in
            address.unicodeScalars.contains { $0.value < 0x20 || $0 == "<" || $0 == ">" }
        }
        guard !unsafe, !to.isEmpty else {
            throw SMTPError(
                message: "The envelope has no recipient or an invalid address; "
                    + "it will not be sent.",
                isPermanent: true)
        }
    }
}
