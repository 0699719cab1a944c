import Fixtures
import Foundation
import Synchronization
import Store
import Testing

/// The server as it runs for real: new builds, removed users, mail over SMTP, SIGTERM.
@Suite struct RunningTests {
    let password = "Zonnebloem#Fiets7"

    @Test func aNewBuildIsServedWithoutARestartOrAFailedRequest() throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        let browser = server.client()
        _ = try server.logIn(browser, "lotte.jansen", password, secret: secret)
        let statuses = Locked<[Int]>([])
        let running = Atomic<Bool>(true)
        let cookies = browser.cookies
        let reader = Thread {
            let other = server.client()
            for (name, value) in cookies { other.setCookie(name, value) }
            while running.load(ordering: .relaxed) {
                let status = (try? other.get("/clients/lotte/reports/"))?.status ?? 0
                statuses.update { $0.append(status) }
            }
        }
        reader.start()
        for round in 0..<3 {
            try server.content.write(
                "clients/lotte/documents/extra-\(round).md",
                "---\ntitle: Nieuw document \(round)\ndate: 2026-12-01\n---\nTekst.\n")
            try server.rebuild()
        }
        Thread.sleep(forTimeInterval: 0.3)
        running.store(false, ordering: .relaxed)
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.05) }
        let seen = statuses.value
        #expect(seen.count > 10)
        #expect(seen.allSatisfy { $0 == 200 }, "\(Set(seen))")
        #expect(try browser.get("/clients/lotte/documents/").text.contains("Nieuw document 2"))
    }

    @Test func aUserRemovedFromTheContentLosesAccessAtOnce() throws {
        let server = try ServerFixture()
        let secret = try server.activate("johan.devries", password: password)
        let browser = server.client()
        _ = try server.logIn(browser, "johan.devries", password, secret: secret)
        #expect(try browser.get("/clients/sanne/").status == 200)
        let file = server.content.content.appendingPathComponent("clients/sanne/client.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let start = try #require(text.range(of: "  - username: johan.devries"))
        var lines = text[start.lowerBound...].split(
            separator: "\n", omittingEmptySubsequences: false)
        lines.removeFirst(4)
        try (String(text[..<start.lowerBound]) + lines.joined(separator: "\n"))
            .write(to: file, atomically: true, encoding: .utf8)
        try server.rebuild()
        #expect(try browser.get("/clients/sanne/").status != 200)
        #expect(
            try server.admin().users().first { $0.username == "johan.devries" }?.state
                == "removed")
    }

    @Test func invitationsAreDeliveredOverSMTP() throws {
        let received = FileManager.default.temporaryDirectory
            .appendingPathComponent("smtp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: received) }
        let smtp = try TestSMTPServer(folder: received)
        let server = try ServerFixture(smtp: "smtp://127.0.0.1:\(smtp.port)")
        try server.admin().invite("fatima.elamrani")
        var messages: [TestSMTPServer.Received] = []
        for _ in 0..<100 where messages.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            messages = try smtp.received()
        }
        let message = try #require(messages.first)
        #expect(message.to == ["fatima.elamrani@example.nl"])
        let text = String(decoding: message.bytes, as: UTF8.self)
        #expect(text.contains("/activate/"))
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try smtp.received().count == 1, "delivered once")
        #expect(try server.outbox().isEmpty)
    }

    @Test func healthIsPublicAndSaysNothingPrivate() throws {
        let server = try ServerFixture()
        let answer = try server.client().get("/healthz")
        #expect(answer.status == 200)
        #expect(answer.text == "ok")
        #expect(answer.header("set-cookie") == nil)
        #expect(answer.header("cache-control") == "no-store")
    }

    @Test func metricsAreForThisMachineOnlyAndCountWhatHappened() throws {
        let server = try ServerFixture()
        let browser = server.client()
        try server.failLogin(browser)
        let metrics = try browser.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("careportal_requests_total{code=\"200\"}"))
        #expect(metrics.text.contains("careportal_events_total{event=\"login_failed\"} 1"))
        #expect(metrics.text.contains("careportal_request_duration_seconds_bucket{le=\"+Inf\"}"))
        #expect(metrics.text.contains("careportal_mail_queue_length 0"))
        #expect(!metrics.text.contains("niemand"), "no user names")
        let proxied = try browser.get("/metrics", headers: ["X-Forwarded-For": "203.0.113.9"])
        #expect(proxied.status == 404, "not through the reverse proxy")
    }

    @Test func auditEventsPastTheirRetentionAreRemovedByTheServer() throws {
        let server = try ServerFixture()
        let old = server.now.addingTimeInterval(-6 * 365 * 24 * 3600)
        let recent = server.now.addingTimeInterval(-4 * 365 * 24 * 3600)
        try server.store().record([
            AuditEvent(at: old, event: "login", username: "lotte.jansen"),
            AuditEvent(at: recent, event: "login", username: "lotte.jansen"),
        ])
        try server.restart()
        let kept = try server.store().auditEvents(client: nil, username: "lotte.jansen", limit: 10)
        #expect(kept.map(\.at) == [recent.seconds], "five years kept, older ones gone")
    }

    @Test func sigtermStopsTheServerCleanly() throws {
        let content = try ContentFixture()
        try ServerFixture.build(content)
        let process = Process()
        process.executableURL = Executable.careportal
        process.arguments = [
            "serve", "--site", content.site.path, "--state",
            content.root.appendingPathComponent("state").path, "--port", "0",
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        Thread.sleep(forTimeInterval: 1)
        process.terminate()
        process.waitUntilExit()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(log.contains("msg=stopped"))
    }
}
