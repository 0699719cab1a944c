import Fixtures
import Foundation
import SMTP
import Testing

@Suite("SMTPClient")
struct SMTPClientTests {
    static let message = Array("Subject: test\r\n\r\nHallo\r\n".utf8)

    @Test("A 550 refusal is permanent and its message holds no address", Python.needsAiosmtpd)
    func refusalIsPermanent() throws {
        let temporary = try TemporaryFolder()
        let server = try TestSMTPServer(folder: temporary.subfolder("received"), answer: .refuse)

        let error = #expect(throws: SMTPError.self) {
            try SMTPClient.send(
                Self.message, from: "portaal@delinde.example.nl",
                to: ["anouk@example.org"], via: server.server)
        }

        #expect(error?.isPermanent == true)
        #expect(error?.message.contains("550") == true)
        #expect(error?.message.contains("anouk") == false)
        #expect(try server.received().isEmpty)
    }

    @Test("No server listening is a temporary failure", Python.needsAiosmtpd)
    func unreachableIsTemporary() throws {
        let temporary = try TemporaryFolder()
        let server = try TestSMTPServer(folder: temporary.subfolder("received"))
        server.stop()

        let error = #expect(throws: SMTPError.self) {
            try SMTPClient.send(
                Self.message, from: "portaal@delinde.example.nl",
                to: ["anouk@example.org"], via: server.server)
        }

        #expect(error?.isPermanent == false)
    }

    @Test("A line break in the envelope is refused before anything is sent", Python.needsAiosmtpd)
    func envelopeInjectionRefused() throws {
        let temporary = try TemporaryFolder()
        let server = try TestSMTPServer(folder: temporary.subfolder("received"))

        let error = #expect(throws: SMTPError.self) {
            try SMTPClient.send(
                Self.message, from: "a@example.org\r\nRCPT TO:<b@example.org>",
                to: ["c@example.org"], via: server.server)
        }

        #expect(error?.isPermanent == true)
        #expect(try server.received().isEmpty)
    }

    @Test("A URL that is not smtp:// or smtps:// is never followed")
    func onlySMTPURLs() throws {
        let temporary = try TemporaryFolder()
        let target = temporary.subfolder("written-by-curl")

        #expect(throws: SMTPError.self) {
            try SMTPClient.send(
                Self.message, from: "a@example.org", to: ["b@example.org"],
                via: SMTPServer(url: "file://\(target.path)"))
        }

        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test("The password never shows in the server's description")
    func passwordHidden() {
        let server = SMTPServer(
            url: "smtps://mail.example.org", username: "portaal",
            password: "geheim-wachtwoord")

        #expect(!"\(server)".contains("geheim"))
    }
}
