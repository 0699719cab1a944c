import Fixtures
import Foundation
import Server
import Testing

/// `careportal inbox` and `careportal export`, run as the real program on the state the
/// server wrote.
@Suite struct StaffCommandTests {
    let report = "/clients/sanne/reports/2026-11-19-voortgangsgesprek-november.html"
    let conversation = "/clients/daan/conversations/2026-12-02-sinterklaas-op-school.html"

    private func run(_ server: ServerFixture, _ words: [String]) throws -> String {
        try tool(
            Executable.careportal.path,
            words + ["--site", server.content.site.path, "--state", server.state.path])
    }

    private func post(_ browser: TestClient, _ path: String, _ text: String) throws {
        let page = try browser.get(path).text
        let response = try browser.post(
            path,
            form: [
                ("_csrf", try csrf(page)), ("_once", try field("_once", in: page)), ("text", text),
            ])
        #expect(response.status == 303)
    }

    @Test func inboxListsNewMessagesOnceAndPeekLeavesThem() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        try post(mother, report, "Vraag over de afspraken.\nTweede regel.")
        try post(mother, conversation, "Daan vond het leuk.")

        let peeked = try run(server, ["inbox", "--peek"])
        #expect(peeked.contains("Sanne de Vries (sanne)"))
        #expect(peeked.contains("comments on \"Voortgangsgesprek november\""))
        #expect(peeked.contains("Marieke de Vries (marieke.devries):"))
        #expect(peeked.contains("      Tweede regel."))
        #expect(peeked.contains("replies in \"Sinterklaas op school\""))

        let json = try run(server, ["inbox", "--client", "sanne", "--json"])
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(
            entries.first?["item"] as? String == "reports/2026-11-19-voortgangsgesprek-november")
        #expect(entries.first?["kind"] as? String == "comment")
        #expect(entries.first?["text"] as? String == "Vraag over de afspraken.\nTweede regel.")

        let rest = try run(server, ["inbox"])
        #expect(!rest.contains("Voortgangsgesprek"), "sanne's comment was seen")
        #expect(rest.contains("Daan vond het leuk."))
        #expect(try run(server, ["inbox"]) == "No new comments or replies.")
    }

    @Test func usersAndAuditSpeakJSON() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        try post(mother, report, "Voor het logboek.")
        server.portal.shutdown()
        let users = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try run(server, ["users", "--json"]).utf8)) as? [[String: Any]])
        let marieke = try #require(users.first { $0["username"] as? String == "marieke.devries" })
        #expect(marieke["state"] as? String == "active")
        #expect(
            marieke["clients"] as? [String] == ["daan", "sanne"]
                || marieke["clients"] as? [String] == ["sanne", "daan"])
        let events = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try run(server, ["audit", "--client", "sanne", "--json"]).utf8))
                as? [[String: String]])
        #expect(events.contains { $0["event"] == "comment" && $0["user"] == "marieke.devries" })
        #expect(events.allSatisfy { $0["at"]?.hasSuffix("Z") == true })
    }

    /// `careportal doctor` on the fixture's site and state: its report and exit status, which
    /// `run` does not give when a check fails.
    private func doctor(_ server: ServerFixture) throws -> (String, Int32) {
        let process = Process()
        process.executableURL = Executable.careportal
        process.arguments = [
            "doctor", "--site", server.content.site.path, "--state", server.state.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(
            decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (text, process.terminationStatus)
    }

    @Test func doctorChecksTheDeploymentAndFailsOnAnUnreachableMailServer() throws {
        let good = try ServerFixture()
        let report = try run(good, ["doctor"])
        #expect(report.contains("OK\tstate database sound (schema 2)"))
        #expect(report.contains("WARN\tbase_url http://127.0.0.1:8080 is not https"))
        #expect(!report.contains("FAIL"))

        let unreachable = try ServerFixture(smtp: "smtp://127.0.0.1:9")
        let (text, status) = try doctor(unreachable)
        #expect(text.contains("FAIL\tcannot reach the mail server 127.0.0.1:9"))
        #expect(status == 1)
    }

    @Test func doctorNamesEachLibraryAndFailsOnASecretKeyOthersCanRead() throws {
        let server = try ServerFixture()
        let report = try run(server, ["doctor"])
        for library in ["cmark 0.", "libyaml 0.", "SQLite 3.", "OpenSSL 3.", "libmicrohttpd 0."] {
            #expect(report.contains(library), "\(library) in \(report)")
        }

        let key = server.state.appendingPathComponent("secret.key").path
        if !FileManager.default.fileExists(atPath: key) {
            try Data(repeating: 1, count: 32).write(to: URL(fileURLWithPath: key))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        let (text, status) = try doctor(server)
        #expect(text.contains("FAIL\t\(key) is readable by others; chmod 600 it"), "\(text)")
        #expect(status == 1)
    }

    @Test func doctorRefusesAnSQLiteTooOldForTheSchema() {
        let old = LinkedLibraries(names: [], sqliteVersion: "3.31.1", sqliteNumber: 3_031_001)
        #expect(old.check.level == .fail)
        #expect(old.check.what.contains("SQLite 3.31.1 is older than 3.37"))
        let current = LinkedLibraries(names: [], sqliteVersion: "3.40.1", sqliteNumber: 3_040_001)
        #expect(current.check.level == .ok)
    }

    @Test func statsSumUpThePortal() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        _ = try mother.get(report)
        try post(mother, report, "Een vraag.")
        server.portal.shutdown()
        let text = try run(server, ["stats"])
        #expect(text.contains("1 active"))
        #expect(text.contains("last 24 hours: 1 logins, 0 failed, 0 lockouts"))
        #expect(text.contains("comments and replies not seen by staff: 1"))
        let outbox = try server.outbox()
        #expect(!outbox.isEmpty, "the invitation at least")
        #expect(text.contains("mail queued: \(outbox.count)"), "every mail in the outbox")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try run(server, ["stats", "--json"]).utf8))
                as? [String: Any])
        let unread = try #require(json["unread"] as? [String: [String: Int]])
        let sanne = try #require(unread["sanne"]?["marieke.devries"])
        let daan = try #require(unread["daan"]?["marieke.devries"])
        #expect(sanne + 1 == 2 + 3 + 4, "every item of sanne but the report read")
        #expect(daan > 0)
    }

    @Test func exportHoldsEverythingAboutOneClientAndNothingElse() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        try post(mother, report, "Over Sanne.")
        try post(mother, conversation, "Over Daan.")
        server.portal.shutdown()

        let text = try run(server, ["export", "sanne"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["format"] as? String == "careportal-export-1")
        #expect((document["client"] as? [String: Any])?["name"] as? String == "Sanne de Vries")
        let users = try #require(document["users"] as? [[String: Any]])
        #expect(
            Set(users.compactMap { $0["username"] as? String })
                == ["marieke.devries", "johan.devries"])
        let messages = try #require(document["messages"] as? [[String: Any]])
        #expect(messages.map { $0["text"] as? String } == ["Over Sanne."])
        let marks = try #require(document["read_marks"] as? [[String: Any]])
        #expect(marks.contains { ($0["item"] as? String)?.hasPrefix("reports/") == true })
        let audit = try #require(document["audit"] as? [[String: Any]])
        #expect(audit.contains { $0["event"] as? String == "comment" })
        #expect(audit.contains { $0["event"] as? String == "view" })
        #expect(!text.contains("Over Daan."), "nothing of another client")
        #expect(!text.contains("daan/"))
    }
}
