import Foundation
import Testing

/// The account life cycle over real HTTP, with codes from the real oathtool.
@Suite struct LifecycleTests {
    let password = "Zonnebloem#Fiets7"

    @Test func invitationActivationLoginAndLogout() throws {
        let server = try ServerFixture()
        try server.admin().invite("marieke.devries")
        let mail = try #require(try server.outbox().last)
        #expect(mail.contains("marieke.devries"))
        #expect(mail.contains("From: De Linde Jeugdhulp <portaal@delinde.example.nl>"))
        #expect(!mail.contains("Sanne"), "no care content in the mail")

        let secret = try server.activate("marieke.devries", password: password)
        let browser = server.client()
        let login = try server.logIn(browser, "marieke.devries", password, secret: secret)
        #expect(login.status == 303)
        #expect(login.location == "/clients/")
        let dashboard = try browser.get("/clients/sanne/")
        #expect(dashboard.status == 200)
        #expect(dashboard.text.contains("Marieke de Vries"))
        #expect(dashboard.text.contains("Uitloggen"))
        #expect(dashboard.header("cache-control") == "no-store")
        #expect(try browser.get("/clients/yusuf/").status == 404)

        let out = try browser.post("/logout", form: [("_csrf", try csrf(dashboard.text))])
        #expect(out.location == "/login?out=1")
        #expect(try browser.get("/clients/sanne/").status == 303)
    }

    @Test func oldSessionCookieGetsNothingAfterLogout() throws {
        let server = try ServerFixture()
        let secret = try server.activate("yusuf.elamrani", password: password)
        let browser = server.client()
        _ = try server.logIn(browser, "yusuf.elamrani", password, secret: secret)
        let saved = browser.cookies
        let page = try browser.get("/clients/yusuf/")
        _ = try browser.post("/logout", form: [("_csrf", try csrf(page.text))])
        let thief = server.client()
        for (name, value) in saved { thief.setCookie(name, value) }
        #expect(try thief.get("/clients/yusuf/").status == 303)
    }

    @Test func aReplayedCodeIsRefused() throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        let code = try oathtool(secret, at: server.now)
        let first = try server.logIn(
            server.client(), "lotte.jansen", password, secret: secret,
            code: code)
        #expect(first.status == 303)
        let again = try server.logIn(
            server.client(), "lotte.jansen", password, secret: secret,
            code: code)
        #expect(again.status == 200)
        #expect(again.text.contains("klopt niet"))
    }

    @Test func clockSkewOfOneStepIsAccepted() throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        server.advance(120)
        let behind = try oathtool(secret, at: server.now.addingTimeInterval(-30))
        #expect(
            try server.logIn(
                server.client(), "lotte.jansen", password, secret: secret,
                code: behind
            ).status == 303)
        server.advance(120)
        let farBehind = try oathtool(secret, at: server.now.addingTimeInterval(-90))
        #expect(
            try server.logIn(
                server.client(), "lotte.jansen", password, secret: secret,
                code: farBehind
            ).status == 200)
    }

    @Test func everyFailureLooksTheSame() throws {
        let server = try ServerFixture()
        let secret = try server.activate("lotte.jansen", password: password)
        let wrongPassword = try server.logIn(
            server.client(), "lotte.jansen", "Fout#Wachtwoord1",
            secret: secret)
        let wrongCode = try server.logIn(
            server.client(), "lotte.jansen", password,
            secret: secret, code: "000000")
        let unknown = try server.logIn(server.client(), "niemand", password, secret: secret)
        for response in [wrongPassword, wrongCode, unknown] {
            #expect(response.status == 200)
            #expect(
                response.text.contains("De gebruikersnaam, het wachtwoord of de code klopt niet"))
        }
        let audit = try server.admin().audit(client: nil, username: nil, limit: 50)
        #expect(audit.filter { $0.event == "login_failed" }.count == 3)
    }

    @Test func weakPasswordsNameTheRuleThatFailed() throws {
        let server = try ServerFixture()
        let browser = server.client()
        _ = try server.enrol(browser, path: try server.invitationPath("lotte.jansen"))
        let summary = try browser.get("/activate")
        _ = try browser.post("/activate/finish", form: [("_csrf", try csrf(summary.text))])
        let cases: [(String, String)] = [
            ("Kort#1a", "minstens 8 tekens"),
            ("alleenklein#123", "minstens één hoofdletter"),
            ("ZonderCijfer#abc", "minstens één cijfer"),
            ("ZonderTeken12abc", "minstens één speciaal teken"),
            ("Met.Punt#123abc", "geen spatie, @, komma of punt"),
            ("Lotte.Jansen#99", "niet uw gebruikersnaam"),
            ("Wachtwoord1!", "niet een veelgebruikt"),
        ]
        for (weak, rule) in cases {
            let form = try browser.get("/activate")
            let answer = try browser.post(
                "/activate/password",
                form: [("_csrf", try csrf(form.text)), ("password", weak), ("repeat", weak)])
            #expect(answer.status == 422, "\(weak)")
            let failed = answer.text.components(separatedBy: "rule-failed").dropFirst()
            #expect(failed.contains { $0.contains(rule) }, "\(weak) should fail: \(rule)")
        }
    }

    @Test func usedAndExpiredLinksSaySo() throws {
        let server = try ServerFixture()
        let path = try server.invitationPath("lotte.jansen")
        _ = try server.client().get(path)
        let used = try server.client().get(path)
        #expect(used.status == 410)
        #expect(used.text.contains("al gebruikt"))
        #expect(used.text.contains("href=\"/login\""))

        let late = try server.invitationPath("yusuf.elamrani")
        server.advance(8 * 24 * 3600)
        let expired = try server.client().get(late)
        #expect(expired.status == 410)
        #expect(expired.text.contains("verlopen"))
        #expect(try server.client().get("/activate/bm90LWEtdG9rZW4tYXQtYWxs").status == 404)
    }

    @Test func stepsCannotBeSkipped() throws {
        let server = try ServerFixture()
        let browser = server.client()
        _ = try browser.get(try server.invitationPath("lotte.jansen"))
        let page = try browser.get("/activate")
        let token = try csrf(page.text)
        let skip = try browser.post(
            "/activate/password",
            form: [("_csrf", token), ("password", password), ("repeat", password)])
        #expect(skip.status == 403)
        let finish = try browser.post("/activate/finish", form: [("_csrf", token)])
        #expect(finish.status == 403)
        #expect(try browser.get("/clients/lotte/").status == 303)
    }
}

@Suite struct LogTests {
    @Test func theLogNeverHoldsATokenOrPassword() throws {
        let server = try ServerFixture()
        let password = "Zonnebloem#Fiets7"
        let path = try server.invitationPath("lotte.jansen")
        let secret = try server.activate("lotte.jansen", password: password)
        _ = try server.logIn(server.client(), "lotte.jansen", password, secret: secret)
        let token = String(path.dropFirst("/activate/".count))
        let lines = server.logLines.value
        #expect(lines.contains { $0.contains("/activate/[token]") })
        for line in lines {
            #expect(!line.contains(token))
            #expect(!line.contains(password))
            #expect(!line.contains(secret.replacingOccurrences(of: " ", with: "")))
        }
        #expect(
            lines.contains { $0.contains("http.status=303") && $0.contains("user=lotte.jansen") })
    }
}
