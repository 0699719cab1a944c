import Fixtures
import Foundation
import Store
import Testing

/// A write the browser got its answer for survives `kill -9` of the server at any moment: the
/// real program, killed while clients comment, reply and guess passwords in loops, then started
/// again; the database passes SQLite's integrity check.
@Suite struct CrashTests {
    @Test func everyAcknowledgedWriteSurvivesKill9InAStorm() throws {
        let content = try ContentFixture.example()
        try ServerFixture.build(content)
        let state = content.root.appendingPathComponent("state")
        var server = try ServeProcess(site: content.site, state: state)
        let browser = TestClient(port: server.port)
        try RealTimeJourney.activateAndLogIn(
            browser, "lotte.jansen", site: content.site, state: state)
        let list = try browser.get("/clients/lotte/reports/?all=1").text
        let report = try #require(
            ReadStateTests.links(in: list, under: "/clients/lotte/reports/").first)
        let token = try csrf(try browser.get(report).text)
        let talks = try browser.get("/clients/lotte/conversations/?all=1").text
        let conversation = try #require(
            ReadStateTests.links(in: talks, under: "/clients/lotte/conversations/").first)

        // A storm: two threads commenting, one replying, two guessing passwords, killed at a
        // random moment, four times over.
        let acknowledged = Locked<[String]>([])
        let refusals = Locked(0)
        for round in 0..<4 {
            let paths = [report, report, conversation]
            let posters = paths.enumerated().map { number, path in
                Poster(
                    browser: browser.sharing(), path: path, csrf: token,
                    name: "ronde \(round) schrijver \(number)")
            }
            for poster in posters { Thread { poster.run(acknowledged) }.start() }
            let guessers = (0..<2).map { _ in Guesser(port: server.port) }
            for guesser in guessers { Thread { guesser.run(refusals) }.start() }
            Thread.sleep(forTimeInterval: Double.random(in: 0.3...0.9))
            server.kill()
            for poster in posters { poster.finished.wait() }
            for guesser in guessers { guesser.finished.wait() }
            server = try ServeProcess(site: content.site, state: state)
            browser.move(to: server.port)
        }
        defer { server.kill() }

        let store = try StateStore(folder: state)
        #expect(try store.integrityCheck() == ["ok"])
        let texts = Set(try store.messages(client: "lotte").map(\.body))
        let missing = acknowledged.value.filter { !texts.contains($0) }
        #expect(acknowledged.value.count > 20, "the loop posted for real")
        #expect(missing.isEmpty, "acknowledged but lost: \(missing)")
        // A refused login is recorded before its answer goes out.
        let failures = try store.auditEvents(client: nil, username: nil, limit: 100_000)
            .filter { $0.event == "login_failed" }.count
        #expect(
            refusals.value > 0 && failures >= refusals.value, "\(failures) of \(refusals.value)")
        // And the restarted server shows them: the last one is on its report or conversation.
        let last = try #require(acknowledged.value.last)
        let pages = try browser.get(report).text + browser.get(conversation).text
        #expect(pages.contains(last))
    }
}

/// Posts comments until the server stops answering, noting each one acknowledged with a 303.
private final class Poster: Sendable {
    let browser: TestClient
    let path: String
    let csrf: String
    let name: String
    let finished = DispatchSemaphore(value: 0)

    init(browser: TestClient, path: String, csrf: String, name: String) {
        self.browser = browser
        self.path = path
        self.csrf = csrf
        self.name = name
    }

    func run(_ acknowledged: Locked<[String]>) {
        defer { finished.signal() }
        for number in 0..<100_000 {
            let text = "\(name) bericht \(number)"
            let once = UUID().uuidString.replacingOccurrences(of: "-", with: "")
            guard
                let response = try? browser.post(
                    path, form: [("_csrf", csrf), ("_once", once), ("text", text)])
            else { return }
            if response.status == 303 { acknowledged.update { $0.append(text) } }
        }
    }
}

/// Failed logins in a loop, each a write of failure counts and an audit event, until the
/// server stops answering.
private final class Guesser: Sendable {
    let port: UInt16
    let finished = DispatchSemaphore(value: 0)

    init(port: UInt16) {
        self.port = port
    }

    /// Counts each refusal that got its answer in `refusals`.
    func run(_ refusals: Locked<Int>) {
        defer { finished.signal() }
        let browser = TestClient(port: port)
        for number in 0..<10_000 {
            guard let page = try? browser.get("/login"), let token = try? csrf(page.text),
                (try? browser.post(
                    "/login",
                    form: [
                        ("_csrf", token), ("username", "raden\(number % 7)"),
                        ("password", "Fout#wachtwoord1"), ("code", "123456"), ("next", ""),
                    ])) != nil
            else { return }
            refusals.update { $0 += 1 }
        }
    }
}

/// `careportal serve` as a child process on a free port of 127.0.0.1.
struct ServeProcess {
    let process = Process()
    let port: UInt16

    init(site: URL, state: URL) throws {
        process.executableURL = Executable.careportal
        process.arguments = [
            "serve", "--site", site.path, "--state", state.path, "--port", "0",
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        var log = ""
        while !log.contains("\n") || !log.contains("address=") {
            let chunk = errors.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw TestError("serve ended: \(log)") }
            log += String(decoding: chunk, as: UTF8.self)
        }
        let pattern = #"address=http://127\.0\.0\.1:([0-9]+)"#
        let range = try #require(log.range(of: pattern, options: .regularExpression))
        let digits = log[range].split(separator: ":").last.map(String.init) ?? ""
        port = try #require(UInt16(digits))
        // Keep draining the log, so the server never blocks on a full pipe.
        errors.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
    }

    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Invitation, enrolment and login against a server on the real clock.
enum RealTimeJourney {
    static func activateAndLogIn(
        _ browser: TestClient, _ username: String, site: URL, state: URL
    ) throws {
        let invited = try tool(
            Executable.careportal.path,
            ["invite", username, "--site", site.path, "--state", state.path])
        let link = try #require(
            invited.range(of: #"/activate/[A-Za-z0-9_-]+"#, options: .regularExpression))
        #expect(try browser.get(String(invited[link])).status == 303)
        let page = try browser.get("/activate").text
        let secret = try #require(ServerFixture.secret(in: page))
        let confirmed = try browser.post(
            "/activate/confirm",
            form: [("_csrf", try csrf(page)), ("code", try oathtool(secret, at: Date()))])
        #expect(confirmed.status == 303)
        let summary = try browser.get("/activate").text
        _ = try browser.post("/activate/finish", form: [("_csrf", try csrf(summary))])
        let form = try browser.get("/activate").text
        let password = "Zonnebloem#Fiets7"
        _ = try browser.post(
            "/activate/password",
            form: [("_csrf", try csrf(form)), ("password", password), ("repeat", password)])
        let login = try browser.get("/login").text
        let done = try browser.post(
            "/login",
            form: [
                ("_csrf", try csrf(login)), ("username", username), ("password", password),
                ("code", try oathtool(secret, at: Date().addingTimeInterval(30))), ("next", ""),
            ])
        #expect(done.status == 303)
    }
}
