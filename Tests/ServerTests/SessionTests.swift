import Foundation
import Testing

/// Sessions expire, forms need their token, redirects stay on the site, guessing is slowed.
@Suite struct SessionTests {
    let password = "Zonnebloem#Fiets7"

    private func loggedIn(_ server: ServerFixture) throws -> (TestClient, String) {
        let secret = try server.activate("lotte.jansen", password: password)
        let browser = server.client()
        #expect(try server.logIn(browser, "lotte.jansen", password, secret: secret).status == 303)
        return (browser, secret)
    }

    @Test func idleSessionsEnd() throws {
        let server = try ServerFixture()
        let (browser, _) = try loggedIn(server)
        server.advance(29 * 60)
        #expect(try browser.get("/clients/lotte/").status == 200)
        server.advance(29 * 60)
        #expect(try browser.get("/clients/lotte/").status == 200)
        server.advance(31 * 60)
        #expect(try browser.get("/clients/lotte/").status == 303)
    }

    /// A visit's time is written behind, and stopping the server writes what is pending: the
    /// session lives on after a restart as if the server had never stopped.
    @Test func lastVisitSurvivesARestart() throws {
        let server = try ServerFixture()
        let (browser, _) = try loggedIn(server)
        server.advance(29 * 60)
        #expect(try browser.get("/clients/lotte/").status == 200)
        try server.restart(browser)
        server.advance(29 * 60)
        #expect(try browser.get("/clients/lotte/").status == 200)
    }

    @Test func sessionsEndAfterTheirLifetimeHoweverBusy() throws {
        let server = try ServerFixture()
        let (browser, _) = try loggedIn(server)
        for _ in 0..<30 {
            server.advance(25 * 60)
            _ = try browser.get("/clients/lotte/")
        }
        #expect(try browser.get("/clients/lotte/").status == 303)
    }

    @Test func loginWithoutTheFormTokenIsRefused() throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        let attacker = server.client()
        let forged = try attacker.post(
            "/login",
            form: [
                ("_csrf", "forged"), ("username", "lotte.jansen"), ("password", password),
                ("code", try oathtool(secret, at: server.now)),
            ])
        #expect(forged.status == 403)
        let page = try attacker.get("/login")
        let crossSite = try attacker.post(
            "/login",
            form: [
                ("_csrf", try csrf(page.text)), ("username", "lotte.jansen"),
                ("password", password), ("code", try oathtool(secret, at: server.now)),
            ],
            headers: ["Origin": "https://evil.example"])
        #expect(crossSite.status == 403)
        let fetchMetadata = try attacker.post(
            "/login",
            form: [
                ("_csrf", try csrf(page.text)), ("username", "lotte.jansen"),
                ("password", password), ("code", try oathtool(secret, at: server.now)),
            ],
            headers: ["Sec-Fetch-Site": "cross-site"])
        #expect(fetchMetadata.status == 403)
    }

    /// With `Referrer-Policy: no-referrer` a browser posts its own forms with `Origin: null`;
    /// `Sec-Fetch-Site` or the form token alone must then let the person in.
    @Test func aBrowserThatHidesItsOriginStillLogsIn() throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        for headers in [
            ["Origin": "null", "Sec-Fetch-Site": "same-origin"], ["Origin": "null"],
        ] {
            let browser = server.client()
            let page = try browser.get("/login")
            server.advance(30)
            let answer = try browser.post(
                "/login",
                form: [
                    ("_csrf", try csrf(page.text)), ("username", "lotte.jansen"),
                    ("password", password), ("code", try oathtool(secret, at: server.now)),
                ],
                headers: headers)
            #expect(answer.status == 303)
            #expect(try browser.get("/clients/lotte/").status == 200)
        }
    }

    @Test func logoutNeedsTheSessionToken() throws {
        let server = try ServerFixture()
        let (browser, _) = try loggedIn(server)
        let saved = browser.cookies["careportal"] ?? ""
        _ = try browser.post("/logout", form: [("_csrf", "wrong")])
        browser.setCookie("careportal", saved)
        #expect(try browser.get("/clients/lotte/").status == 200)
    }

    @Test(arguments: [
        "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
        "/%2f%2fevil.example", " /clients/lotte/",
    ])
    func nextNeverLeavesTheSite(next: String) throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        let answer = try server.logIn(
            server.client(), "lotte.jansen", password, secret: secret, next: next)
        #expect(answer.status == 303)
        #expect(answer.location == "/clients/lotte/")
    }

    @Test func nextLeadsBackToThePageAsked() throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        let browser = server.client()
        let asked = try browser.get("/clients/lotte/reports/")
        #expect(asked.location == "/login?next=/clients/lotte/reports/")
        let answer = try server.logIn(
            browser, "lotte.jansen", password, secret: secret, next: "/clients/lotte/reports/")
        #expect(answer.location == "/clients/lotte/reports/")
    }

    @Test func guessingIsSlowedThenLockedAndUnlockLiftsIt() throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        for _ in 0..<100 {
            server.advance(1)
            _ = try server.logIn(
                server.client(), "lotte.jansen", "Fout#Wachtwoord1", secret: secret)
        }
        server.advance(901)
        let locked = try server.logIn(server.client(), "lotte.jansen", password, secret: secret)
        #expect(locked.status == 200)
        let users = try server.admin().users()
        #expect(users.first { $0.username == "lotte.jansen" }?.state == "locked")
        let events = try server.admin().audit(client: nil, username: "lotte.jansen", limit: 500)
        #expect(events.contains { $0.event == "lockout" })

        try server.admin().unlock("lotte.jansen")
        // The guesses came from this address too, which waits out its own delay.
        server.advance(901)
        #expect(
            try server.logIn(server.client(), "lotte.jansen", password, secret: secret).status
                == 303)

        // What a monitor scraping /metrics sees of all this.
        let metrics = try server.client().get("/metrics").text
        #expect(metrics.contains("careportal_events_total{event=\"lockout\"} 1"), "\(metrics)")
        #expect(metrics.contains("careportal_events_total{event=\"login\"} 1"))
    }

    @Test func delaysGrowAfterAFewFailures() throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        for _ in 0..<6 {
            _ = try server.logIn(
                server.client(), "lotte.jansen", "Fout#Wachtwoord1", secret: secret)
        }
        let right = try server.logIn(server.client(), "lotte.jansen", password, secret: secret)
        #expect(right.status == 200, "still waiting after six failures in a row")
        server.advance(3600)
        #expect(
            try server.logIn(server.client(), "lotte.jansen", password, secret: secret).status
                == 303)
    }

    @Test func resetEndsEverySessionAndInvitesAgain() throws {
        let server = try ServerFixture()
        let (browser, _) = try loggedIn(server)
        let before = try server.outbox().count
        try server.admin().invite("lotte.jansen", reset: true)
        #expect(try browser.get("/clients/lotte/").status == 303)
        #expect(try server.outbox().count == before + 2)
        #expect(
            try server.admin().users().first { $0.username == "lotte.jansen" }?.state
                == "invited")
    }
}
