import Foundation
import Testing

/// Read and unread, per user: the dashboard, the lists and their toggle, conversations that
/// become unread again.
@Suite struct ReadStateTests {
    let report = "/clients/sanne/reports/2026-11-19-voortgangsgesprek-november.html"

    @Test func openingAnItemMarksItReadForThatUserOnly() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let father = try server.loggedIn("johan.devries")
        let before = try mother.get("/clients/sanne/").text
        #expect(before.contains("Voortgangsgesprek november"))
        #expect(Self.count(of: "reports", in: before) == 4)

        #expect(try mother.get(report).status == 200)
        let after = try mother.get("/clients/sanne/").text
        #expect(!after.contains("Voortgangsgesprek november"))
        #expect(Self.count(of: "reports", in: after) == 3)

        let other = try father.get("/clients/sanne/").text
        #expect(other.contains("Voortgangsgesprek november"))
        #expect(Self.count(of: "reports", in: other) == 4)
    }

    @Test func readMarksSurviveARestart() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        _ = try mother.get(report)
        try server.restart(mother)
        let page = try mother.get("/clients/sanne/").text
        #expect(!page.contains("Voortgangsgesprek november"))
    }

    @Test func listsShowUnreadItemsWithAToggleForAll() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        _ = try mother.get(report)
        let unread = try mother.get("/clients/sanne/reports/").text
        #expect(!unread.contains("Voortgangsgesprek november"))
        #expect(unread.contains("Overleg met de mentor"))
        #expect(unread.contains("href=\"?all=1\">Gelezen items ook tonen</a>"))
        #expect(unread.contains("<span class=\"badge badge-unread\">nieuw</span>"))

        let all = try mother.get("/clients/sanne/reports/?all=1").text
        #expect(all.contains("Voortgangsgesprek november"))
        #expect(all.contains("Alleen ongelezen items tonen"))
    }

    @Test func theToggleAndBadgesSpeakEnglishInAnEnglishPortal() throws {
        let server = try ServerFixture()
        let portal = try server.read("portal.yaml")
        try server.write(
            "portal.yaml", portal.replacingOccurrences(of: "language: nl", with: "language: en"))
        try server.rebuild()
        let daughter = try server.loggedIn("lotte.jansen")
        let page = try daughter.get("/clients/lotte/reports/").text
        #expect(page.contains(">Also show read items</a>"))
        #expect(page.contains("<span class=\"badge badge-unread\">new</span>"))
        let report = try #require(Self.links(in: page, under: "/clients/lotte/reports/").first)
        let form = try daughter.get(report).text
        #expect(form.contains("Post comment"))
        #expect(form.contains("At most 2000 characters."))
    }

    @Test func aListWithEverythingReadSaysSo() throws {
        let server = try ServerFixture()
        let daughter = try server.loggedIn("lotte.jansen")
        let list = try daughter.get("/clients/lotte/reports/?all=1").text
        for link in Self.links(in: list, under: "/clients/lotte/reports/") {
            #expect(try daughter.get(link).status == 200)
        }
        let page = try daughter.get("/clients/lotte/reports/").text
        #expect(page.contains("Geen ongelezen rapportages."))
        let dashboard = try daughter.get("/clients/lotte/").text
        #expect(Self.count(of: "reports", in: dashboard) == 0)
        #expect(dashboard.contains("Geen ongelezen rapportages."))
    }

    @Test func downloadingAFileMarksTheDocumentRead() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        #expect(try mother.get("/clients/sanne/documents/").text.contains("Toestemmingsformulier"))
        let file = try mother.get("/clients/sanne/documents/files/toestemmingsformulier.pdf")
        #expect(file.status == 200)
        #expect(
            !(try mother.get("/clients/sanne/documents/").text.contains("Toestemmingsformulier")))
    }

    @Test func aNewMessageMakesAConversationUnreadAgain() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let path = "/clients/sanne/conversations/2026-12-01-gesprek-met-de-mentor.html"
        _ = try mother.get(path)
        #expect(!(try mother.get("/clients/sanne/").text.contains("Gesprek met de mentor")))

        try server.appendMessage(
            to: "sanne/conversations/2026-12-01-gesprek-met-de-mentor.yaml",
            at: "2026-12-03 09:00", text: "Donderdag om vier uur?")
        try server.rebuild()
        let dashboard = try mother.get("/clients/sanne/").text
        #expect(dashboard.contains("Gesprek met de mentor"))
        _ = try mother.get(path)
        #expect(!(try mother.get("/clients/sanne/").text.contains("Gesprek met de mentor")))
    }

    /// The build renders a fragment for every week of the agenda and the server picks the one
    /// of today, so the dashboard is right on any day without a rebuild.
    @Test func theDashboardShowsThisWeeksAppointments() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let dashboard = try mother.get("/clients/sanne/").text
        #expect(dashboard.contains(Self.appointment("Overleg met de mentor")))
        #expect(dashboard.contains(Self.appointment("Pakjesavond bij mama")))
        #expect(!dashboard.contains(Self.appointment("Evaluatie ondertoezichtstelling")))
        #expect(!dashboard.contains("Geen afspraken deze week."))

        server.advance(7 * 86_400)
        let father = try server.loggedIn("johan.devries")
        let nextWeek = try father.get("/clients/sanne/").text
        #expect(nextWeek.contains(Self.appointment("Evaluatie ondertoezichtstelling")))
        #expect(!nextWeek.contains(Self.appointment("Overleg met de mentor")))
    }

    /// A quiet week between two appointments says there is nothing, so an empty card is never
    /// mistaken for a page that did not load.
    @Test func aWeekWithoutAppointmentsSaysSo() throws {
        let server = try ServerFixture()
        try server.write(
            "lotte/agenda.yaml",
            """
            - title: Gesprek met de consulent
              start: 2026-11-23 10:00
              end: 2026-11-23 11:00
            - title: Mentorgesprek
              start: 2026-12-09 16:00
              end: 2026-12-09 17:00

            """)
        try server.rebuild()

        let daughter = try server.loggedIn("lotte.jansen")
        let dashboard = try daughter.get("/clients/lotte/").text
        #expect(dashboard.contains("<p class=\"empty\">Geen afspraken deze week.</p>"))
        #expect(!dashboard.contains("class=\"appointment-title\""))
    }

    /// After the last appointment (here: in January) the week is just as empty, and says so.
    @Test func aWeekPastTheLastAppointmentSaysSo() throws {
        let server = try ServerFixture()
        server.advance(35 * 86_400)

        let mother = try server.loggedIn("marieke.devries")
        let dashboard = try mother.get("/clients/sanne/").text
        #expect(dashboard.contains("<p class=\"empty\">Geen afspraken deze week.</p>"))
        #expect(!dashboard.contains("class=\"appointment-title\""))
        #expect(dashboard.contains("href=\"/clients/sanne/agenda/\">Open de agenda</a>"))
    }

    /// How the dashboard's week card shows an appointment's title.
    static func appointment(_ title: String) -> String {
        "<span class=\"appointment-title\">\(title)</span>"
    }

    /// The unread count a dashboard card shows.
    static func count(of kind: String, in page: String) -> Int? {
        let pattern =
            "id=\"dash-\(kind)\">[^<]*<span class=\"count[^\"]*\">"
            + "<span class=\"visually-hidden\">[^<]*</span>([0-9]+)</span>"
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: page, range: NSRange(page.startIndex..., in: page)),
            let range = Range(match.range(at: 1), in: page)
        else { return nil }
        return Int(page[range])
    }

    static func links(in page: String, under prefix: String) -> [String] {
        let pattern = "href=\"(\(NSRegularExpression.escapedPattern(for: prefix))[^\"#?]+\\.html)\""
        let regex = try? NSRegularExpression(pattern: pattern)
        let range = NSRange(page.startIndex..., in: page)
        return (regex?.matches(in: page, range: range) ?? []).compactMap {
            Range($0.range(at: 1), in: page).map { String(page[$0]) }
        }
    }
}
