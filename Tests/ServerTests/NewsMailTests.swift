import Fixtures
import Foundation
import Testing

/// One mail per user when a care worker starts a conversation, and never a second one.
@Suite struct NewsMailTests {
    let file = "sanne/conversations/2026-12-03-rooster.yaml"
    let conversation = """
        title: Nieuw rooster na de kerst
        messages:
          - at: 2026-12-03 09:30
            from: Mirjam Bakker
            text: Vertrouwelijk detail over het rooster.

        """

    @Test func aNewConversationIsMailedOnceToEachActiveUser() throws {
        let server = try ServerFixture()
        try server.activate("marieke.devries", password: "Zonnebloem#Fiets7")
        let before = try server.outbox().count
        #expect(try server.news().isEmpty, "what was there at the start is not news")

        try server.write(file, conversation)
        try server.rebuild()
        let mails = try server.waitForNews(count: 1)
        let mail = try #require(mails.first)
        #expect(mail.contains("To: Marieke de Vries <marieke.devries@example.nl>"))
        #expect(mail.contains("Subject: =?UTF-8?") || mail.contains("Subject: Nieuw bericht"))
        #expect(mail.contains("http://127.0.0.1:8080/login"))
        #expect(!mail.contains("rooster") && !mail.contains("Vertrouwelijk"), "no care content")
        #expect(!mail.contains("Sanne"), "not even whose file it is")
        #expect(try server.outbox().count == before + 1, "johan.devries is not active: no mail")

        Thread.sleep(forTimeInterval: 0.5)
        try server.rename(file, to: "sanne/conversations/2026-12-03-nieuw-rooster.yaml")
        try server.rebuild()
        try server.restart()
        try server.appendMessage(
            to: "sanne/conversations/2026-12-03-nieuw-rooster.yaml", at: "2026-12-03 11:00",
            text: "Nog een bericht.")
        try server.rebuild()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try server.news().count == 1, "no mail after a rename, a restart, a message")
    }

    @Test func everyMessageMailsAlsoForLaterMessages() throws {
        let server = try ServerFixture()
        try server.write("portal.yaml", try server.read("portal.yaml") + "  every_message: true\n")
        try server.rebuild()
        try server.activate("marieke.devries", password: "Zonnebloem#Fiets7")
        try server.appendMessage(
            to: "sanne/conversations/2026-12-01-gesprek-met-de-mentor.yaml",
            at: "2026-12-03 11:00", text: "Nog een bericht.")
        try server.rebuild()
        let mails = try server.waitForNews(count: 1)
        #expect(mails.first?.contains("nieuw bericht in een gesprek") == true)
    }

    @Test func theMailIsDeliveredOverSMTPOnce() throws {
        let received = FileManager.default.temporaryDirectory
            .appendingPathComponent("smtp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: received) }
        let smtp = try TestSMTPServer(folder: received)
        let server = try ServerFixture(smtp: "smtp://127.0.0.1:\(smtp.port)")
        try server.activate("fatima.elamrani", password: "Zonnebloem#Fiets7")
        try server.write(
            "yusuf/conversations/2026-12-03-stage.yaml",
            conversation.replacingOccurrences(of: "Mirjam Bakker", with: try server.worker("yusuf"))
        )
        try server.rebuild()
        var news: [TestSMTPServer.Received] = []
        for _ in 0..<100 where news.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            news = try smtp.received().filter {
                ServerFixture.isNews(String(decoding: $0.bytes, as: UTF8.self))
            }
        }
        #expect(news.count == 1)
        #expect(news.first?.to == ["fatima.elamrani@example.nl"])
        Thread.sleep(forTimeInterval: 0.5)
        #expect(
            try smtp.received().filter {
                ServerFixture.isNews(String(decoding: $0.bytes, as: UTF8.self))
            }.count == 1)
    }
}

extension ServerFixture {
    /// The news mails in the outbox, known by their wording.
    func news() throws -> [String] {
        try outbox().filter(Self.isNews)
    }

    static func isNews(_ mail: String) -> Bool {
        let text = mail.replacingOccurrences(of: "=\r\n", with: "")
        return text.contains("klaargezet") || text.contains("nieuw bericht in een gesprek")
    }

    /// Waits up to five seconds for `count` news mails.
    func waitForNews(count: Int) throws -> [String] {
        for _ in 0..<50 {
            let mails = try news()
            if mails.count >= count { return mails }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try news()
    }

    func write(_ path: String, _ text: String) throws {
        try text.write(
            to: content.content.appendingPathComponent(
                path.hasPrefix("portal") ? path : "clients/\(path)"),
            atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: content.content.appendingPathComponent(path), encoding: .utf8)
    }

    func rename(_ path: String, to new: String) throws {
        let clients = content.content.appendingPathComponent("clients")
        try FileManager.default.moveItem(
            at: clients.appendingPathComponent(path), to: clients.appendingPathComponent(new))
    }

    /// The first care worker of a client.
    func worker(_ client: String) throws -> String {
        let text = try read("clients/\(client)/client.yaml")
        let line = try #require(
            text.range(of: #"- name: [^\n]+"#, options: .regularExpression).map { text[$0] })
        return String(line.dropFirst("- name: ".count))
    }
}
