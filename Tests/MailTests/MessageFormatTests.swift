import Foundation
import Testing

@testable import Mail

@Suite("RFC 5322 messages, read back by Python's email module")
struct MessageFormatTests {
    @Test(
        "The subject comes back unchanged",
        arguments: [
            Sample.subject,
            "Nieuw document",
            "Herinnering:  afspraak  morgen  ",
            String(repeating: "Eén lange onderwerpregel met accenten ", count: 6),
            String(repeating: "Plain ASCII words that need folding ", count: 5),
            "Letterlijk =?UTF-8?B?dGVzdA==?= blijft staan",
            String(repeating: "x", count: 120),
            "🧑‍🧑‍🧒 gezin",
        ])
    func subjectRoundTrip(subject: String) throws {
        let parsed = try MailParser.parse(Sample.message(subject: subject).rfc5322())

        #expect(parsed.subject == subject)
        #expect(parsed.defects.isEmpty)
    }

    @Test("Sender, recipient, body and the fixed headers come back")
    func headersAndBody() throws {
        let message = try Sample.message()
        let parsed = try MailParser.parse(message.rfc5322())

        #expect(parsed.fromName == "De Linde Jeugdhulp")
        #expect(parsed.fromAddress == "portaal@delinde.example.nl")
        #expect(parsed.toName == "Anouk de Vriës")
        #expect(parsed.toAddress == "anouk@example.org")
        #expect(parsed.body == Sample.text + "\n")
        #expect(parsed.date == Sample.date.timeIntervalSince1970)
        #expect(parsed.messageID == message.messageID)
        #expect(parsed.contentType == "text/plain;utf-8")
        #expect(parsed.autoSubmitted == "auto-generated")
        #expect(parsed.defects.isEmpty)
    }

    @Test(
        "Display names with commas, quotes, dots or accents come back",
        arguments: [
            "De Linde Jeugdhulp",
            "Linde, De \"team noord\"",
            "Dr. A. Jansen (mentor)",
            "Zoë van den Bërg",
            "back\\slash",
        ])
    func displayNameRoundTrip(name: String) throws {
        var random = SeededRandom(seed: 7)
        let message = try MailMessage(
            from: Sample.sender(), to: MailAddress("zoe@example.org", displayName: name),
            subject: "Test", text: "Hallo", date: Sample.date, random: &random)

        let parsed = try MailParser.parse(message.rfc5322())

        #expect(parsed.toName == name)
        #expect(parsed.toAddress == "zoe@example.org")
        #expect(parsed.defects.isEmpty)
    }

    @Test(
        "The body comes back whatever its line ends, spaces and symbols",
        arguments: [
            "één regel",
            "a = b\nwith trailing space \nand tab\t\nend",
            "windows\r\nline\r\nends\r\n",
            "old mac\rline ends",
            String(repeating: "ë", count: 100) + "\n" + String(repeating: "a ", count: 80),
            ".\nFrom the start\n..dots\n",
            "",
        ])
    func bodyRoundTrip(text: String) throws {
        let parsed = try MailParser.parse(Sample.message(text: text).rfc5322())
        let expected = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")

        let lastLineEnded = expected.isEmpty || expected.hasSuffix("\n")
        #expect(parsed.body == (lastLineEnded ? expected : expected + "\n"))
    }

    @Test("Every line ends in CRLF; headers fit 78 columns and body lines 76")
    func lineLengths() throws {
        let long = String(repeating: "Eén lange regel met accenten en = tekens. ", count: 20)
        let bytes = try Sample.message(subject: long, text: long).rfc5322()
        let text = String(decoding: bytes, as: UTF8.self)

        #expect(text.hasSuffix("\r\n"))
        let lines = text.dropLast(2).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { !$0.contains("\r") && !$0.contains("\n") })
        let blank = try #require(lines.firstIndex(of: ""))
        #expect(lines[..<blank].allSatisfy { $0.utf8.count <= 78 })
        #expect(lines[(blank + 1)...].allSatisfy { $0.utf8.count <= 76 })
    }

    @Test("Plain ASCII stays readable: no encoded subject, accents as =XX in the body")
    func readableOutput() throws {
        let bytes = try Sample.message(subject: "Nieuw document").rfc5322()
        let text = String(decoding: bytes, as: UTF8.self)

        #expect(text.contains("\r\nSubject: Nieuw document\r\n"))
        #expect(text.contains("From: De Linde Jeugdhulp <portaal@delinde.example.nl>\r\n"))
        #expect(text.contains("cli=C3=ABntportaal"))
        #expect(text.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        #expect(text.contains("Subject: Nieuw document\r\nMessage-ID: <"))
    }

    @Test(
        "The Date header is RFC 5322 in UTC with English names",
        arguments: [
            (1_796_314_800, "Thu, 03 Dec 2026 16:20:00 +0000"),
            (951_868_799, "Tue, 29 Feb 2000 23:59:59 +0000"),
            (0, "Thu, 01 Jan 1970 00:00:00 +0000"),
            (1_719_792_000, "Mon, 01 Jul 2024 00:00:00 +0000"),
        ])
    func dateHeader(seconds: Int, expected: String) throws {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let bytes = try Sample.message(date: date).rfc5322()

        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("Date: \(expected)\r\n"))
    }

    @Test("A date before 1970 is refused")
    func earlyDate() {
        #expect(throws: MailError.invalidDate) {
            try Sample.message(date: Date(timeIntervalSince1970: -1))
        }
    }

    @Test("The Message-ID is random hex at the sender's domain, from the given random source")
    func messageID() throws {
        let first = try Sample.message(seed: 1).messageID
        let again = try Sample.message(seed: 1).messageID
        let other = try Sample.message(seed: 2).messageID

        #expect(first == again)
        #expect(first != other)
        #expect(first.hasSuffix("@delinde.example.nl>"))
        let random = first.dropFirst().prefix { $0 != "@" }
        #expect(random.count == 32 && random.allSatisfy(\.isHexDigit))
    }
}
