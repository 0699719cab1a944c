import Foundation

/// One plain-text notification mail, checked on creation so it always renders safely.
public struct MailMessage: Sendable, Equatable {
    /// The sender, e.g. `De Linde Jeugdhulp <portaal@delinde.example.nl>`.
    public let from: MailAddress

    /// The one recipient.
    public let to: MailAddress

    /// The subject line; may hold any Unicode text but no line break.
    public let subject: String

    /// The plain text body.
    public let text: String

    /// `<random@domain-of-from>`, unique per message so duplicates can be recognised.
    public let messageID: String

    /// When the message was written.
    public let date: Date

    /// The Date header, worked out once so rendering cannot fail.
    let time: UTCTime

    /// A message whose Message-ID draws on `random`; throws when a value would break a header.
    public init<Random: RandomNumberGenerator>(
        from: MailAddress, to: MailAddress, subject: String, text: String, date: Date,
        random: inout Random
    ) throws(MailError) {
        guard !HeaderText.hasControlCharacter(subject) else {
            throw MailError.controlCharacter(field: "subject")
        }
        guard let time = UTCTime(date) else { throw MailError.invalidDate }

        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.date = date
        self.time = time
        self.messageID = MailMessage.newMessageID(domain: from.domain, random: &random)
    }

    /// A message with a Message-ID from the system's random source.
    public init(from: MailAddress, to: MailAddress, subject: String, text: String, date: Date)
        throws(MailError)
    {
        var random = SystemRandomNumberGenerator()
        try self.init(
            from: from, to: to, subject: subject, text: text, date: date,
            random: &random)
    }

    /// The random part of the Message-ID, also used to name the outbox entry.
    var uniquePart: String {
        String(messageID.dropFirst().prefix { $0 != "@" })
    }

    /// 128 random bits in hexadecimal: no clock or host name, so nothing can collide or leak.
    private static func newMessageID<Random: RandomNumberGenerator>(
        domain: Substring, random: inout Random
    ) -> String {
        let bits = [random.next(), random.next()] as [UInt64]
        let hex = bits.map { value in
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return "<\(hex.joined())@\(domain)>"
    }
}
