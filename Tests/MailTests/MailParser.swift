import Foundation

/// What Python's email package reads from a message: the view of a real mail client.
struct ParsedMail: Decodable {
    let subject: String
    let fromName: String
    let fromAddress: String
    let toName: String
    let toAddress: String
    let body: String
    let date: Double
    let messageID: String
    let contentType: String
    let autoSubmitted: String
    let defects: [String]
}

enum MailParser {
    private static let script = #"""
        import email, email.policy, email.utils, json, sys
        raw = sys.stdin.buffer.read()
        m = email.message_from_bytes(raw, policy=email.policy.default)
        sender, recipient = m["from"].addresses[0], m["to"].addresses[0]
        defects = [str(d) for d in m.defects]
        for name in m.keys():
            defects += [str(d) for d in m[name].defects]
        print(json.dumps({
            "subject": str(m["subject"]),
            "fromName": sender.display_name, "fromAddress": sender.addr_spec,
            "toName": recipient.display_name, "toAddress": recipient.addr_spec,
            "body": m.get_content().replace("\r\n", "\n"),
            "date": email.utils.parsedate_to_datetime(m["date"]).timestamp(),
            "messageID": str(m["message-id"]),
            "contentType": m.get_content_type() + ";" + m.get_content_charset(),
            "autoSubmitted": str(m["auto-submitted"]),
            "defects": defects,
        }))
        """#

    /// Parses `bytes` with Python's email module.
    static func parse(_ bytes: [UInt8]) throws -> ParsedMail {
        let result = try Python.run(script, input: bytes)
        guard result.status == 0 else {
            throw ParseFailure(errors: result.errors)
        }
        return try JSONDecoder().decode(ParsedMail.self, from: Data(result.output))
    }

    struct ParseFailure: Error {
        let errors: String
    }
}
