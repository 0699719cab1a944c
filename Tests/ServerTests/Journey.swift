import Foundation
import Testing

/// The steps of the account life cycle, shared by the tests.
extension ServerFixture {
    /// Invites `username` and returns the activation path from the mail.
    func invitationPath(_ username: String) throws -> String {
        try admin().invite(username)
        let mail = try #require(try outbox().last)
        let unfolded = mail.replacingOccurrences(of: "=\r\n", with: "")
            .replacingOccurrences(of: "=3D", with: "=")
        let range = try #require(
            unfolded.range(
                of: #"/activate/[A-Za-z0-9_-]+"#,
                options: .regularExpression))
        return String(unfolded[range])
    }

    /// Follows the activation link and links the app; returns the secret from the page.
    func enrol(_ browser: TestClient, path: String) throws -> String {
        let link = try browser.get(path)
        #expect(link.status == 303)
        #expect(link.location == "/activate")
        let page = try browser.get("/activate")
        #expect(page.status == 200)
        let secret = try #require(Self.secret(in: page.text))
        let code = try oathtool(secret, at: now)
        let confirmed = try browser.post(
            "/activate/confirm", form: [("_csrf", try csrf(page.text)), ("code", code)])
        #expect(confirmed.status == 303)
        return secret
    }

    /// The whole activation: link, app, summary, password.
    @discardableResult
    func activate(_ username: String, password: String) throws -> String {
        let browser = client()
        let secret = try enrol(browser, path: try invitationPath(username))
        let summary = try browser.get("/activate")
        #expect(summary.text.contains(username))
        let finish = try browser.post("/activate/finish", form: [("_csrf", try csrf(summary.text))])
        #expect(finish.status == 303)
        let form = try browser.get("/activate")
        let done = try browser.post(
            "/activate/password",
            form: [("_csrf", try csrf(form.text)), ("password", password), ("repeat", password)])
        #expect(done.status == 303)
        #expect(done.location == "/login?ready=1")
        return secret
    }

    /// Logs in with a fresh code; returns the response to the form.
    func logIn(
        _ browser: TestClient, _ username: String, _ password: String, secret: String,
        code: String? = nil, next: String = ""
    ) throws -> TestResponse {
        let page = try browser.get("/login")
        return try browser.post(
            "/login",
            form: [
                ("_csrf", try csrf(page.text)), ("username", username), ("password", password),
                ("code", try code ?? oathtool(secret, at: now)), ("next", next),
            ])
    }

    /// A browser logged in as `username`, activated with `password`; moves the clock on by a
    /// step, so the next login's code is a fresh one.
    func loggedIn(_ username: String, password: String = "Zonnebloem#Fiets7") throws
        -> TestClient
    {
        let secret = try activate(username, password: password)
        let browser = client()
        let response = try logIn(browser, username, password, secret: secret)
        #expect(response.status == 303)
        advance(30)
        return browser
    }

    /// One failed login of an unknown user, with `headers` on the post.
    func failLogin(_ browser: TestClient, headers: [String: String] = [:]) throws {
        let page = try browser.get("/login")
        _ = try browser.post(
            "/login",
            form: [
                ("_csrf", try csrf(page.text)), ("username", "niemand"), ("password", "x"),
                ("code", "123456"), ("next", ""),
            ],
            headers: headers)
    }

    static func secret(in page: String) -> String? {
        guard
            let range = page.range(
                of: #"<code>([A-Z2-7]{4} ?)+</code>"#,
                options: .regularExpression)
        else { return nil }
        return page[range].replacingOccurrences(of: "<code>", with: "")
            .replacingOccurrences(of: "</code>", with: "")
    }
}

/// The CSRF token of the first form on a page.
func csrf(_ page: String) throws -> String {
    let marker = "name=\"_csrf\" value=\""
    let start = try #require(page.range(of: marker)).upperBound
    let end = try #require(page[start...].firstIndex(of: "\""))
    return String(page[start..<end])
}
