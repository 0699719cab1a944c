import Foundation
import Testing

/// Requests an attacker would send, each with the exact answer expected, and the server still
/// serving afterwards.
@Suite struct HostileRequestTests {
    let report = "/clients/sanne/reports/2026-11-19-voortgangsgesprek-november.html"

    /// `curl` as is: status code, and the response headers.
    private func curl(_ server: ServerFixture, _ arguments: [String]) throws -> (String, String) {
        let headers = FileManager.default.temporaryDirectory
            .appendingPathComponent("headers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: headers) }
        let status = try tool(
            "/usr/bin/curl",
            ["-s", "-o", "/dev/null", "-D", headers.path, "-w", "%{http_code}", "--path-as-is"]
                + arguments)
        let head = (try? String(contentsOf: headers, encoding: .utf8)) ?? ""
        return (status, head)
    }

    private func stillServes(_ server: ServerFixture) throws {
        #expect(try server.client().get("/login").status == 200)
    }

    @Test func oversizedHeadersAndBodiesAreRefused() throws {
        let server = try ServerFixture()
        let base = server.client().base
        let headerFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("header-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: headerFile) }
        try Data(("X-Filler: " + String(repeating: "a", count: 200_000)).utf8).write(to: headerFile)
        let (header, _) = try curl(server, ["-H", "@\(headerFile.path)", "\(base)/login"])
        #expect(header == "431", "a 200 KB header gave \(header)")

        let body = FileManager.default.temporaryDirectory
            .appendingPathComponent("body-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: body) }
        try Data(("username=" + String(repeating: "x", count: 300_000)).utf8).write(to: body)
        let (posted, _) = try curl(server, ["--data-binary", "@\(body.path)", "\(base)/login"])
        #expect(posted == "413")
        try stillServes(server)
    }

    @Test func aCommentLongerThanAllowedButWithinTheBodyIsRefusedPolitely() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let page = try mother.get(report).text
        let answer = try mother.post(
            report,
            form: [
                ("_csrf", try csrf(page)), ("_once", try field("_once", in: page)),
                ("text", String(repeating: "x", count: 50_000)),
            ])
        #expect(answer.status == 422)
        #expect(answer.text.contains("Uw tekst is te lang."))
    }

    @Test(arguments: [
        "careportal=%%%", "careportal=", "careportal", "=careportal", ";;;;",
        "careportal=AAAA; careportal=BBBB", "careportal=\(String(repeating: "A", count: 4000))",
        "careportal=é\u{1}x",
    ])
    func malformedCookiesAreNoSession(cookie: String) throws {
        let server = try ServerFixture()
        let base = server.client().base
        let (status, head) = try curl(
            server, ["-H", "Cookie: \(cookie)", "\(base)/clients/sanne/"])
        #expect(status == "303")
        #expect(head.contains("ocation: /login?next="))
        try stillServes(server)
    }

    @Test func aRepeatedSessionCookieIsNoSession() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let real = try #require(mother.cookies["careportal"])
        let (status, _) = try curl(
            server,
            [
                "-H", "Cookie: careportal=\(real); careportal=\(real)",
                "\(mother.base)/clients/sanne/",
            ])
        #expect(status == "303", "a planted second cookie must not be guessed between")
    }

    @Test(arguments: [
        "/login?next=%0d%0aSet-Cookie:%20evil=1", "/login?next=/x%0d%0aLocation:%20http://evil",
        "/login?next=%E5%98%8A%E5%98%8DSet-Cookie:evil",
    ])
    func reflectedValuesCannotInjectHeaders(path: String) throws {
        let server = try ServerFixture()
        let base = server.client().base
        let (status, head) = try curl(server, ["\(base)\(path)"])
        #expect(status == "200")
        #expect(!head.lowercased().contains("evil"))
        #expect(!head.contains("Set-Cookie: evil"))
    }

    /// A form without its token is as suspect as one with a forged token: a check that only
    /// compared a token that is there would let a cross-site form through.
    @Test func aCommentWithoutItsFormTokenIsRefused() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let page = try mother.get(report).text
        let answer = try mother.post(
            report, form: [("_once", try field("_once", in: page)), ("text", "Zonder token")])
        #expect(answer.status == 403)
        #expect(answer.text.contains("readonly>Zonder token</textarea>"), "the text is kept")

        #expect(try server.store().messages(client: "sanne").isEmpty)
        let audit = try server.store().auditEvents(client: "sanne", username: nil, limit: 50)
        #expect(!audit.contains { $0.event == "comment" })
        #expect(try mother.get(report).status == 200, "the session itself is still good")
    }

    /// A server, Sanne's mother logged in, and her session as a header line for curl.
    private func motherWithCookie() throws -> (ServerFixture, TestClient, String) {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        return (server, mother, "Cookie: careportal=\(try #require(mother.cookies["careportal"]))")
    }

    /// The folder redirect puts the raw path in `Location`; a line break or a second slash
    /// in it must never become a header of its own or a way off the site.
    @Test(arguments: [
        "/clients/sanne/reports%0d%0aSet-Cookie:%20evil=1",
        "/clients/sanne/reports%0d%0aLocation:%20http://evil.example",
        "/clients/sanne%0aSet-Cookie:evil=1%0a/reports",
        "/clients/sanne/reports%E5%98%8A%E5%98%8DSet-Cookie=evil",
        "/clients/sanne/reports/%2e%2e%2f%2fevil.example",
        "/clients/sanne//evil.example/reports",
    ])
    func theFolderRedirectCannotInjectHeaders(path: String) throws {
        let (server, mother, cookie) = try motherWithCookie()
        let (status, head) = try curl(server, ["-H", cookie, "\(mother.base)\(path)"])
        #expect(status == "404")
        try expectNoInjection(head)

        let (plain, redirect) = try curl(
            server, ["-H", cookie, "\(mother.base)/clients/sanne/reports"])
        #expect(plain == "301")
        #expect(Self.headers(redirect)["location"] == ["/clients/sanne/reports/"])
    }

    /// A folder asked for with escapes is sent to the same escapes plus a slash: still a path
    /// on this site, never `//host`.
    @Test(arguments: ["/clients/sanne/%72eports", "/clients/sanne%2freports"])
    func anEscapedFolderIsRedirectedOnTheSite(path: String) throws {
        let (server, mother, cookie) = try motherWithCookie()
        let (status, head) = try curl(server, ["-H", cookie, "\(mother.base)\(path)"])
        #expect(status == "301")
        #expect(Self.headers(head)["location"] == ["\(path)/"])
    }

    /// The login redirect puts the asked path in `next`; it must come out escaped, in the one
    /// `Location` header, pointing at this site's login page.
    @Test(arguments: [
        ("/clients/sanne%0d%0aSet-Cookie:%20evil=1/", "404"),
        ("/clients/sanne/x%0d%0aLocation:%20http://evil.example", "404"),
        ("/clients/%E5%98%8A%E5%98%8DSet-Cookie=evil/", "303"),
        ("/clients/sanne/x%20Set-Cookie%20evil=1", "303"),
        ("/clients/sanne/a&next=//evil.example", "404"),
        ("/clients/sanne/a&next=evil.example", "303"),
        ("/clients/sanne/a%26next=%2fevil.example%23", "303"),
    ])
    func theLoginRedirectCannotInjectHeaders(path: String, expected: String) throws {
        let server = try ServerFixture()
        let base = server.client().base
        let (status, head) = try curl(server, ["\(base)\(path)"])
        #expect(status == expected, "\(path) gave \(status)")
        try expectNoInjection(head)
        if status == "303" {
            let location = try #require(Self.headers(head)["location"]?.first)
            #expect(location.hasPrefix("/login?next=/clients/"))
            #expect(!location.dropFirst().contains("//"))
            #expect(!location.contains("&"))
            #expect(location.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7f })
        }
        try stillServes(server)
    }

    /// No header but the server's own: no `evil` cookie, at most one `Location`, and that one
    /// on this site.
    private func expectNoInjection(_ head: String) throws {
        let headers = Self.headers(head)
        #expect(!(headers["set-cookie"] ?? []).contains { $0.lowercased().contains("evil") })
        #expect((headers["location"] ?? []).count <= 1)
        for location in headers["location"] ?? [] {
            #expect(location.hasPrefix("/"))
            #expect(!location.hasPrefix("//"))
            #expect(!location.lowercased().contains("http://"))
        }
        for name in headers.keys {
            #expect(!name.contains("evil"), "an injected header \(name)")
        }
    }

    /// The header lines of a `curl -D` dump by lowercased name, values in order.
    static func headers(_ head: String) -> [String: [String]] {
        var headers: [String: [String]] = [:]
        for line in head.components(separatedBy: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name, default: []].append(value)
        }
        return headers
    }

    @Test func aUsernameTypedAtLoginComesBackEscaped() throws {
        let server = try ServerFixture()
        let browser = server.client()
        let page = try browser.get("/login")
        let answer = try browser.post(
            "/login",
            form: [
                ("_csrf", try csrf(page.text)), ("username", "\"><script>alert(1)</script>"),
                ("password", "x"), ("code", "123456"), ("next", "\"><img src=x onerror=1>"),
            ])
        #expect(!answer.text.contains("<script>alert"))
        #expect(!answer.text.contains("<img src=x"))
    }

    @Test(arguments: [
        "<script>alert(document.cookie)</script>", "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">klik</a>", "[klik](javascript:alert(1))",
        "<svg onload=alert(1)><circle r=1></svg>", "data:text/html;base64,PHNjcmlwdD4=",
        "<iframe src=//evil.example></iframe>", "\" onmouseover=\"alert(1)",
        "</textarea><script>alert(1)</script>", "<!--slot:account-->x<!--/slot:account-->",
    ])
    func scriptInCommentsAndRepliesIsOnlyText(payload: String) throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let conversation = "/clients/sanne/conversations/2026-12-01-gesprek-met-de-mentor.html"
        for path in [report, conversation] {
            let page = try mother.get(path).text
            let posted = try mother.post(
                path,
                form: [
                    ("_csrf", try csrf(page)), ("_once", try field("_once", in: page)),
                    ("text", payload),
                ])
            #expect(posted.status == 303)
            let shown = try mother.get(path).text
            for dangerous in [
                "<script>alert", "<img src=x", "href=\"javascript:", "<svg onload",
                "<iframe", "onmouseover=\"alert",
            ] {
                #expect(!shown.contains(dangerous), "\(dangerous) in \(path)")
            }
            let escaped = payload.replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
                    of: ">", with: "&gt;"
                )
                .replacingOccurrences(of: "\"", with: "&quot;")
            #expect(shown.contains(escaped), "the text itself is shown, escaped")
        }
    }

    @Test func noKindOfAccountReachesAnotherClient() throws {
        let server = try ServerFixture()
        let locked = try server.loggedIn("fatima.elamrani")
        try server.store().setLocked("fatima.elamrani", true, now: server.now)
        let beforeReset = try server.loggedIn("yusuf.elamrani")
        _ = try server.admin().invite("yusuf.elamrani", reset: true)
        let removed = try server.loggedIn("johan.devries")
        let file = server.content.content.appendingPathComponent("clients/sanne/client.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let without = text.replacingOccurrences(
            of: #"  - username: johan\.devries\n(    [^\n]+\n)+"#, with: "",
            options: .regularExpression)
        try without.write(to: file, atomically: true, encoding: .utf8)
        try server.rebuild()
        let active = try server.loggedIn("lotte.jansen")
        // Sanne's own mother, half-way through activation: linked her app, no password yet.
        let enrolling = server.client()
        _ = try server.enrol(enrolling, path: try server.invitationPath("marieke.devries"))

        for browser in [locked, beforeReset, removed, active, enrolling] {
            for path in [
                "/clients/sanne/", report,
                "/clients/sanne/documents/files/toestemmingsformulier.pdf",
                "/clients/daan/agenda.ics",
            ] {
                let answer = try browser.get(path)
                #expect([303, 404].contains(answer.status), "\(path) gave \(answer.status)")
                #expect(!answer.text.contains("Sanne de Vries"))
            }
        }
        #expect(try beforeReset.get("/clients/yusuf/").status == 303, "reset ended the session")
        #expect(try removed.get("/").location == "/login", "removed from the content: out")
    }
}
