import Foundation
import Testing

@testable import Mail

@Suite("Header injection and address checks")
struct HeaderSafetyTests {
    static let injected = "evil@example.com"

    @Test(
        "A line break in any header value is refused",
        arguments: [
            "subject CRLF", "subject LF", "subject CR", "subject NUL", "display name CRLF",
            "address CRLF", "parsed address CRLF",
        ])
    func lineBreakRefused(which: String) {
        #expect(throws: MailError.self) {
            try makeMessage(which)
        }
    }

    @Test("The error names the field, not the value")
    func errorHidesValue() {
        let error = #expect(throws: MailError.self) {
            try Sample.message(subject: "Hallo\r\nBcc: \(Self.injected)")
        }

        #expect(error == .controlCharacter(field: "subject"))
        #expect(error?.message.contains(Self.injected) == false)
    }

    @Test(
        "Malformed addresses are refused",
        arguments: [
            "anouk", "anouk@@example.org", "an ouk@example.org", "<anouk@example.org>",
            "anouk@example.org>", "@example.org", "anouk@", "anouk@example..org",
            "anouk@localhost", "anouk@exa mple.org", "anöuk@example.org", "a,b@example.org",
            "\"a\"@example.org", "a@b@example.org", "anouk@-", "",
        ])
    func invalidAddress(address: String) {
        #expect(throws: MailError.invalidAddress(field: "to")) {
            try MailAddress(address, field: "to")
        }
    }

    @Test(
        "Plain addresses are accepted",
        arguments: [
            "anouk@example.org", "a.b+c@sub.example.nl", "portaal@delinde.example.nl",
            "o'brien@example.ie",
        ])
    func validAddress(address: String) throws {
        #expect(try MailAddress(address).address == address)
    }

    @Test("`Name <address>` and a bare address are both read")
    func parsing() throws {
        let named = try MailAddress(parsing: "De Linde Jeugdhulp <portaal@delinde.example.nl>")
        let bare = try MailAddress(parsing: "portaal@delinde.example.nl")

        #expect(named.displayName == "De Linde Jeugdhulp")
        #expect(named.address == "portaal@delinde.example.nl")
        #expect(bare.displayName == nil)
        #expect(bare.address == "portaal@delinde.example.nl")
    }

    private func makeMessage(_ which: String) throws {
        let bcc = "Bcc: \(Self.injected)"
        switch which {
        case "subject CRLF": _ = try Sample.message(subject: "Hallo\r\n\(bcc)")
        case "subject LF": _ = try Sample.message(subject: "Hallo\n\(bcc)")
        case "subject CR": _ = try Sample.message(subject: "Hallo\r\(bcc)")
        case "subject NUL": _ = try Sample.message(subject: "Hallo\u{0}")
        case "display name CRLF": _ = try MailAddress("a@example.org", displayName: "A\r\n\(bcc)")
        case "address CRLF": _ = try MailAddress("a@example.org\r\n\(bcc)")
        default: _ = try MailAddress(parsing: "A <a@example.org>\r\n\(bcc)")
        }
    }
}
