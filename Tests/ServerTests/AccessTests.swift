import Foundation
import Testing

/// Who may see what: every other client's URL is a 404, traversal never leaves the site.
@Suite struct AccessTests {
    let password = "Zonnebloem#Fiets7"

    private func loggedIn(_ server: ServerFixture, _ username: String) throws -> TestClient {
        let secret = try server.activate(username, password: password)
        let browser = server.client()
        #expect(try server.logIn(browser, username, password, secret: secret).status == 303)
        return browser
    }

    @Test func everyURLOfAnotherClientIsNotFound() throws {
        let server = try ServerFixture()
        let browser = try loggedIn(server, "yusuf.elamrani")
        let sanne = server.content.site.appendingPathComponent("clients/sanne")
            .resolvingSymlinksInPath().path
        let files = try #require(FileManager.default.enumerator(atPath: sanne))
        var checked = 0
        for case let path as String in files where !path.hasPrefix(".") {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: "\(sanne)/\(path)", isDirectory: &isFolder)
            let url = "/clients/sanne/\(path)" + (isFolder.boolValue ? "/" : "")
            let answer = try browser.get(url)
            #expect(answer.status == 404, "\(url)")
            checked += 1
        }
        #expect(checked > 20)
        #expect(try browser.get("/clients/yusuf/").status == 200)
    }

    @Test func aParentSeesBothChildrenAndNoOneElse() throws {
        let server = try ServerFixture()
        let browser = try loggedIn(server, "marieke.devries")
        #expect(try browser.get("/clients/sanne/").status == 200)
        let daan = try browser.get("/clients/daan/")
        #expect(daan.status == 200)
        #expect(daan.text.contains("href=\"/clients/sanne/\""))
        #expect(try browser.get("/clients/lotte/").status == 404)
        let chooser = try browser.get("/clients/")
        #expect(chooser.text.contains("Sanne de Vries"))
        #expect(chooser.text.contains("Daan de Vries"))
        #expect(!chooser.text.contains("Lotte"))
    }

    /// Each attempt with the one answer it must get: 404, the same as a page that does not
    /// exist, whether the path cannot be decoded strictly (an encoded slash, backslash or NUL,
    /// overlong UTF-8) or decodes to something that is not yours.
    @Test(arguments: [
        ("/clients/sanne/%2e%2e/yusuf/", 404),
        ("/clients/sanne/%252e%252e/yusuf/", 404), ("/clients/sanne/..%2fyusuf/", 404),
        ("/clients/sanne/..%5cyusuf/", 404), ("/clients/sanne/%c0%ae%c0%ae/yusuf/", 404),
        ("/clients/sanne/index.html%00", 404), ("/clients//sanne/", 404),
        ("/clients/sanne/.careportal/client.json", 404),
        ("/.careportal/manifest.json", 404), ("/assets/%2e%2e/.careportal/manifest.json", 404),
        ("/etc/passwd", 404), ("/clients/sanne/%2fetc%2fpasswd", 404),
    ])
    func traversalNeverLeavesTheSite(path: String, status: Int) throws {
        let server = try ServerFixture()
        let browser = try loggedIn(server, "marieke.devries")
        let answer = try browser.get(path)
        #expect(answer.status == status, "\(path) gave \(answer.status)")
        #expect(!answer.text.contains("Yusuf"))
        #expect(!answer.text.contains("root:"))
    }

    /// Paths a normal client would clean up before sending, sent as they are by curl.
    @Test(arguments: [
        "/clients/sanne/../yusuf/", "/clients/sanne/reports/../../yusuf/",
        "/assets/../.careportal/manifest.json", "/clients/./yusuf/", "/../etc/passwd",
    ])
    func literalDotSegmentsAreRefused(path: String) throws {
        let server = try ServerFixture()
        let browser = try loggedIn(server, "marieke.devries")
        let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let status = try tool(
            "/usr/bin/curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "--path-as-is", "-H",
                "Cookie: \(cookie)", "\(browser.base)\(path)",
            ])
        #expect(status == "404", "\(path)")
    }

    @Test func aLinkInTheSitePointingOutIsNotFollowed() throws {
        let server = try ServerFixture()
        let browser = try loggedIn(server, "lotte.jansen")
        let folder = server.content.site.appendingPathComponent("clients/lotte")
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("outside.html").path,
            withDestinationPath: "/etc/hostname")
        #expect(try browser.get("/clients/lotte/outside.html").status == 404)
    }

    @Test func assetsArePublicAndCachedPagesAreNot() throws {
        let server = try ServerFixture()
        let login = try server.client().get("/login")
        let css = try #require(
            login.text.range(
                of: #"/assets/style\.[0-9a-f]+\.css"#,
                options: .regularExpression))
        let asset = try server.client().get(String(login.text[css]))
        #expect(asset.status == 200)
        #expect(asset.header("cache-control") == "public, max-age=31536000, immutable")
        #expect(asset.header("content-type") == "text/css; charset=utf-8")
        let etag = try #require(asset.header("etag"))
        let again = try server.client().get(
            String(login.text[css]), headers: ["If-None-Match": etag])
        #expect(again.status == 304)
        let head = try server.client().send(
            "HEAD", String(login.text[css]), body: nil, headers: [:])
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("content-length") == "\(asset.body.count)")
        let ranged = try server.client().get(
            String(login.text[css]), headers: ["Range": "bytes=0-9"])
        #expect(ranged.status == 206)
        #expect(ranged.body.count == 10)
    }

    @Test func everyResponseCarriesTheSecurityHeaders() throws {
        let server = try ServerFixture()
        for path in ["/login", "/nothing", "/clients/sanne/", "/activate/x"] {
            let answer = try server.client().get(path)
            let policy = try #require(answer.header("content-security-policy"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(answer.header("x-content-type-options") == "nosniff")
            #expect(answer.header("referrer-policy") == "no-referrer")
        }
    }

    @Test func pdfDownloadsAndRanges() throws {
        let server = try ServerFixture()
        let browser = try loggedIn(server, "marieke.devries")
        let path = "/clients/sanne/documents/files/toestemmingsformulier.pdf"
        let pdf = try browser.get(path)
        #expect(pdf.status == 200)
        #expect(pdf.header("content-type") == "application/pdf")
        #expect(pdf.body.starts(with: Data("%PDF".utf8)))
        let part = try browser.get(path, headers: ["Range": "bytes=-4"])
        #expect(part.status == 206)
        #expect(part.body.count == 4)
    }
}
