import Foundation
import Testing

/// Comments under reports and replies in conversations, over real HTTP.
@Suite struct MessageTests {
    let report = "/clients/sanne/reports/2026-11-19-voortgangsgesprek-november.html"
    let conversation = "/clients/sanne/conversations/2026-12-01-gesprek-met-de-mentor.html"

    @Test func aCommentIsShownToEveryoneWhoMaySeeTheClient() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let father = try server.loggedIn("johan.devries")
        let posted = try post(mother, report, "Fijn om te lezen.\nTot donderdag.")
        #expect(posted.status == 303)
        let location = try #require(posted.location)
        #expect(location.hasPrefix("\(report)#comment-"))

        for browser in [mother, father] {
            let page = try browser.get(report).text
            #expect(page.contains("<span class=\"person-name\">Marieke de Vries</span>"))
            #expect(page.contains("Fijn om te lezen.\nTot donderdag."))
            #expect(page.contains("3 december 2026, 13:14"), "the time in Amsterdam")
            #expect(page.contains("id=\"comment-\(location.split(separator: "-").last ?? "")\""))
        }
        try server.rebuild()
        #expect(try father.get(report).text.contains("Fijn om te lezen."), "survives a rebuild")
    }

    @Test func commentsAreOldestFirst() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        _ = try post(mother, report, "Eerste")
        server.advance(60)
        _ = try post(mother, report, "Tweede")
        let page = try mother.get(report).text
        let first = try #require(page.range(of: "Eerste"))
        let second = try #require(page.range(of: "Tweede"))
        #expect(first.lowerBound < second.lowerBound)
    }

    @Test func hostileTextIsEscaped() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quoted\""
        #expect(try post(mother, report, hostile).status == 303)
        let page = try mother.get(report).text
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x"))
        #expect(
            page.contains(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
                    + " &amp; &quot;quoted&quot;"))
    }

    @Test func emptyAndTooLongTextsAreRefusedWithTheTextKept() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let empty = try post(mother, report, "   \n  ")
        #expect(empty.status == 422)
        #expect(empty.text.contains("Typ eerst een tekst."))

        let long = String(repeating: "é", count: 2001)
        let refused = try post(mother, report, long)
        #expect(refused.status == 422)
        #expect(refused.text.contains("Uw tekst is te lang."))
        #expect(refused.text.contains(">\(long)</textarea>"), "the text is kept")
        #expect(refused.text.contains("aria-invalid=\"true\""))

        let exact = try post(mother, report, String(repeating: "é", count: 2000))
        #expect(exact.status == 303)
        #expect(try server.store().messages(client: "sanne").count == 1)
    }

    @Test func theSameFormPostedTwiceIsStoredOnce() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let page = try mother.get(report).text
        let form = [
            ("_csrf", try csrf(page)), ("_once", try field("_once", in: page)),
            ("text", "Dubbel geklikt"),
        ]
        let first = try mother.post(report, form: form)
        let second = try mother.post(report, form: form)
        #expect(first.status == 303)
        #expect(second.status == 303)
        #expect(first.location == second.location)
        let stored = try server.store().messages(client: "sanne")
        #expect(stored.count == 1)
        let audit = try server.store().auditEvents(client: "sanne", username: nil, limit: 50)
        #expect(audit.filter { $0.event == "comment" }.count == 1)
    }

    @Test func aPostWithoutTheFormTokenOrFromAnotherSiteIsRefused() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let page = try mother.get(report).text
        let once = try field("_once", in: page)
        let forged = try mother.post(
            report, form: [("_csrf", "forged"), ("_once", once), ("text", "Hallo")])
        #expect(forged.status == 403)
        let crossSite = try mother.post(
            report, form: [("_csrf", try csrf(page)), ("_once", once), ("text", "Hallo")],
            headers: ["Origin": "https://evil.example"])
        #expect(crossSite.status == 403)
        #expect(try server.store().messages(client: "sanne").isEmpty)
    }

    @Test func onlyUsersOfTheClientMayPost() throws {
        let server = try ServerFixture()
        let stranger = try server.loggedIn("lotte.jansen")
        let own = try stranger.get("/clients/lotte/").text
        let refused = try stranger.post(
            report,
            form: [("_csrf", try csrf(own)), ("_once", "AAAAAAAAAAAAAAAAAAAAAA"), ("text", "x")])
        #expect(refused.status == 404)
        let anonymous = server.client()
        let ended = try anonymous.post(report, form: [("text", "Lange tekst <b>hier</b>")])
        #expect(ended.status == 403)
        #expect(ended.text.contains("readonly>Lange tekst &lt;b&gt;hier&lt;/b&gt;</textarea>"))
        #expect(try server.store().messages(client: "sanne").isEmpty)
    }

    @Test func clientsCannotStartConversationsOrCommentOnDocuments() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let page = try mother.get(report).text
        let form = [("_csrf", try csrf(page)), ("_once", try field("_once", in: page))]
        let text = form + [("text", "Nieuw gesprek")]
        #expect(try mother.post("/clients/sanne/conversations/", form: text).status == 404)
        #expect(try mother.post("/clients/sanne/conversations/new.html", form: text).status == 404)
        let document = "/clients/sanne/documents/hulpverleningsplan.html"
        #expect(try mother.post(document, form: text).status == 405)
        #expect(try server.store().messages(client: "sanne").isEmpty)
    }

    @Test func repliesStandBetweenTheCareWorkersMessagesInTimeOrder() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let posted = try post(mother, conversation, "Om de week lijkt ons goed.")
        #expect(posted.status == 303)
        #expect(posted.location?.hasPrefix("\(conversation)#reply-") == true)
        try server.appendMessage(
            to: "sanne/conversations/2026-12-01-gesprek-met-de-mentor.yaml",
            at: "2026-12-04 09:00", text: "Dan spreken we dat zo af.")
        try server.rebuild()
        let page = try server.loggedIn("johan.devries").get(conversation).text
        let staff = try #require(page.range(of: "Nog even een korte terugkoppeling"))
        let reply = try #require(page.range(of: "Om de week lijkt ons goed."))
        let later = try #require(page.range(of: "Dan spreken we dat zo af."))
        #expect(staff.lowerBound < reply.lowerBound)
        #expect(reply.lowerBound < later.lowerBound)
        #expect(page.contains("class=\"message message-user\""))
        #expect(page.contains("Reactie versturen"))
    }

    /// Writing in a client's record is an access NEN 7513 wants logged: who, which client,
    /// which conversation and which message, as for a comment.
    @Test func aReplyIsWrittenToTheAuditLog() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let posted = try post(mother, conversation, "Om de week lijkt ons goed.")
        #expect(posted.status == 303)

        let stored = try #require(try server.store().messages(client: "sanne").first)
        #expect(stored.kind == .reply)
        #expect(stored.item == "conversations/2026-12-01-gesprek-met-de-mentor")
        let audit = try server.store().auditEvents(client: "sanne", username: nil, limit: 50)
        let replies = audit.filter { $0.event == "reply" }
        #expect(replies.count == 1)
        let event = try #require(replies.first)
        #expect(event.username == "marieke.devries")
        #expect(event.client == "sanne")
        #expect(event.target == stored.item)
        #expect(event.detail == "message \(stored.id)")
        #expect(event.at == Int64(server.now.timeIntervalSince1970))
        #expect(!audit.contains { $0.event == "comment" })
    }

    @Test func manySessionsPostingAtOnceLoseNothingWhilePagesAreServed() throws {
        let server = try ServerFixture()
        let writers: [(String, String)] = [
            ("johan.devries", report),
            ("yusuf.elamrani", "/clients/yusuf/reports/2026-09-09-start-op-het-mbo.html"),
            ("fatima.elamrani", "/clients/yusuf/reports/2026-09-30-geld-en-vrije-tijd.html"),
            ("lotte.jansen", "/clients/lotte/reports/2026-11-05-stage-kinderopvang.html"),
        ]
        var sessions = try writers.map { (try server.loggedIn($0.0), $0.1) }
        let password = "Zonnebloem#Fiets7"
        let secret = try server.activate("marieke.devries", password: password)
        let reader = server.client()
        let mother = server.client()
        for browser in [reader, mother] {
            _ = try server.logIn(browser, "marieke.devries", password, secret: secret)
            server.advance(30)
        }
        sessions.append((mother, report))
        let failures = Locked(0)
        let group = DispatchGroup()
        for (browser, path) in sessions {
            let form = (try csrf(try browser.get(path).text), path)
            DispatchQueue.global().async(group: group) {
                for number in 0..<40 {
                    let response = try? browser.post(
                        form.1,
                        form: [
                            ("_csrf", form.0), ("_once", "tokentokentoken\(number)"),
                            ("text", "bericht \(number)"),
                        ])
                    if response?.status != 303 { failures.update { $0 += 1 } }
                }
            }
        }
        var pages = 0
        while group.wait(timeout: .now()) == .timedOut {
            #expect(try reader.get("/clients/daan/").status == 200)
            pages += 1
        }
        #expect(failures.value == 0)
        #expect(pages > 0)
        let stored = try server.store()
        let count = try ["sanne", "yusuf", "lotte"].map { try stored.messages(client: $0).count }
        #expect(count.reduce(0, +) == sessions.count * 40)
    }

    private func post(_ browser: TestClient, _ path: String, _ text: String) throws
        -> TestResponse
    {
        let page = try browser.get(path).text
        return try browser.post(
            path,
            form: [
                ("_csrf", try csrf(page)), ("_once", try field("_once", in: page)), ("text", text),
            ])
    }
}

/// The value of a hidden field on a page.
func field(_ name: String, in page: String) throws -> String {
    let marker = "name=\"\(name)\" value=\""
    let start = try #require(page.range(of: marker)).upperBound
    let end = try #require(page[start...].firstIndex(of: "\""))
    return String(page[start..<end])
}
