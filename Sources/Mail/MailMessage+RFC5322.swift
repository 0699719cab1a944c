extension MailMessage {
    /// The message as an RFC 5322 file: CRLF line ends, MIME headers, quoted-printable body.
    public func rfc5322() -> [UInt8] {
        let headers = [
            "Date: \(time.rfc5322)",
            HeaderText.field("From", from.headerWords),
            HeaderText.field("To", to.headerWords),
            HeaderText.field("Subject", HeaderText.unstructured(subject)),
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            // RFC 3834: tells autoresponders not to answer.
            "Auto-Submitted: auto-generated",
        ]
        let head = headers.joined(separator: "\r\n") + "\r\n\r\n"
        return Array(head.utf8) + QuotedPrintable.encode(text)
    }

    /// The time as `20261203T162000.123Z`, which starts the outbox file name.
    var sortableTime: String {
        time.sortable
    }
}
