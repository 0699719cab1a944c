import Fixtures
import Foundation
import Testing

@testable import Site

@Suite struct PageTests {
    @Test func buildsEveryPageKind() throws {
        let fixture = try ContentFixture()
        let summary = try fixture.build()
        #expect(summary.clients == 1)
        let expected = [
            "clients/anna/index.html", "clients/anna/persons.html",
            "clients/anna/documents/index.html", "clients/anna/documents/plan.html",
            "clients/anna/reports/index.html", "clients/anna/reports/2026-11-02-intake.html",
            "clients/anna/conversations/index.html",
            "clients/anna/conversations/2026-11-28-weekend.html",
            "clients/anna/agenda/index.html", "clients/anna/agenda/2026-W49.html",
            "clients/anna/agenda/2026-12-03.html", "clients/anna/agenda/2026-12-04.html",
            "clients/anna/agenda.ics", ".careportal/manifest.json",
            "clients/anna/.careportal/client.json",
        ]
        for path in expected {
            #expect(
                FileManager.default.fileExists(
                    atPath: fixture.site.appendingPathComponent(path).path),
                "missing \(path)")
        }
        let assets = try FileManager.default.contentsOfDirectory(
            atPath: fixture.site.appendingPathComponent("assets").path)
        #expect(
            assets.contains {
                $0.range(
                    of: #"^style\.[0-9a-f]{10}\.css$"#,
                    options: .regularExpression) != nil
            })
    }

    @Test func pagesCarryTheContentAndTheSlots() throws {
        let fixture = try ContentFixture()
        try fixture.build()
        let report = try fixture.read(site: "clients/anna/reports/2026-11-02-intake.html")
        #expect(report.contains("<h1>Intake</h1>"))
        #expect(report.contains("geschreven door Bea Smit"))
        #expect(report.contains("<a href=\"/clients/anna/documents/plan.html\">het plan</a>"))
        #expect(report.contains("<!--slot:comments:reports/2026-11-02-intake-->"))
        #expect(report.contains("<html lang=\"nl\">"))
        #expect(report.contains("aria-current=\"page\">Rapportages</a>"))

        let dashboard = try fixture.read(site: "clients/anna/index.html")
        #expect(dashboard.contains("<!--slot:this-week-->"))
        #expect(dashboard.contains("<!--slot:unread:reports/2026-11-02-intake-->"))

        let week = try fixture.read(site: "clients/anna/agenda/2026-W49.html")
        #expect(week.contains("Week 49"))
        #expect(week.contains("donderdag 3 december"))
        #expect(week.contains("10:00 – 11:00"))
        #expect(week.contains("Hele dag"))
        #expect(week.contains("zondag 6 december"))

        let record = try #require(
            ClientRecordView.load(from: fixture.site.appendingPathComponent("clients/anna")))
        let fragment = try #require(record.weeks["2026-W49"])
        #expect(fragment.contains("Gesprek"))
        #expect(!fragment.contains("<html"))
    }

    @Test func englishPortal() throws {
        let fixture = try ContentFixture()
        try fixture.write(
            "portal.yaml",
            ContentFixture.portal.replacingOccurrences(
                of: "language: nl", with: "language: en"))
        try fixture.build()
        let week = try fixture.read(site: "clients/anna/agenda/2026-W49.html")
        #expect(week.contains("Thursday 3 December"))
        #expect(week.contains("All day"))
        #expect(try fixture.read(site: "clients/anna/index.html").contains("<html lang=\"en\">"))
    }

    @Test func everyValueIsEscaped() throws {
        let fixture = try ContentFixture()
        let hostile = #"<script>alert(1)</script> & "quote" 'single'"#
        try fixture.write(
            "clients/anna/reports/x.md",
            """
            ---
            title: '\(hostile.replacingOccurrences(of: "'", with: "''"))'
            date: 2026-11-03
            author: Bea Smit
            ---
            <img src=x onerror=alert(1)> [a](javascript:alert(1))

            """)
        try fixture.build()
        for path in [
            "clients/anna/reports/x.html", "clients/anna/reports/index.html",
            "clients/anna/index.html",
        ] {
            let page = try fixture.read(site: path)
            #expect(!page.contains("<script>alert"), "\(path)")
            #expect(
                page.contains(
                    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quote&quot; "
                        + "&#39;single&#39;"), "\(path)")
            #expect(!page.contains("onerror=alert"), "\(path)")
            #expect(!page.contains("javascript:"), "\(path)")
        }
    }

    @Test func brokenLinksFailTheBuildWithTheirLine() throws {
        let fixture = try ContentFixture()
        try fixture.write(
            "clients/anna/reports/x.md",
            """
            ---
            title: X
            date: 2026-11-03
            author: Bea Smit
            ---
            Eerste alinea.

            Zie [weg](../documents/bestaat-niet.md).

            """)
        #expect(
            fixture.buildProblems() == [
                "clients/anna/reports/x.md:8:1: link to '../documents/bestaat-niet.md', which "
                    + "does not "
                    + "exist; link to another file of this client, e.g. ../documents/plan.md"
            ])
    }

    @Test func linksToAnotherClientAreBroken() throws {
        let fixture = try ContentFixture()
        try fixture.write(
            "clients/anna/reports/x.md",
            "---\ntitle: X\ndate: 2026-11-03\nauthor: Bea Smit\n---\n"
                + "[a](/clients/other/index.html) [b](../../other/reports/y.md)\n")
        #expect(fixture.buildProblems().count == 2)
    }

    @Test func manifestListsUsersClientsAndItems() throws {
        let fixture = try ContentFixture()
        try fixture.write(
            "clients/bram/client.yaml",
            ContentFixture.client
                .replacingOccurrences(of: "Anna Jansen", with: "Bram Jansen"))
        try fixture.build()
        let manifest = try Manifest.load(from: fixture.site)
        #expect(manifest.portal.issuer == "Test Portaal")
        #expect(manifest.users.map(\.username) == ["ouder.jansen"])
        #expect(manifest.users.first?.clients == ["anna", "bram"])
        let anna = try #require(manifest.clients.first { $0.id == "anna" })
        #expect(Set(anna.items.map(\.kind)) == ["report", "document", "conversation"])
        #expect(anna.firstWeek == "2026-W49")
        #expect(anna.conversations.first?.messageTimes == ["2026-11-28T08:15:00Z"])
    }

    /// The build joins the manifest from pieces that each client's task encoded; the joined
    /// text must be what one encoding of the whole gives, for new and reused clients alike.
    @Test func joinedManifestReadsAsOneEncoding() throws {
        let fixture = try ContentFixture()
        try fixture.write(
            "clients/bram/client.yaml",
            ContentFixture.client
                .replacingOccurrences(of: "Anna Jansen", with: "Bram Jansen"))
        let file = fixture.site.appendingPathComponent(".careportal/manifest.json")
        for round in 0..<2 {
            if round == 1 { try fixture.write("clients/bram/reports/extra.md", Self.report) }
            try fixture.build()
            let written = try Data(contentsOf: file)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let whole = try encoder.encode(JSONDecoder().decode(Manifest.self, from: written))
            #expect(written == whole)
        }
    }

    private static let report = """
        ---
        title: Extra
        date: 2026-11-30
        author: Bea Smit
        ---
        Tekst.
        """

    @Test func sameUsernameWithAnotherEmailIsAProblem() throws {
        let fixture = try ContentFixture()
        try fixture.write(
            "clients/bram/client.yaml",
            ContentFixture.client
                .replacingOccurrences(of: "petra@example.nl", with: "p.jansen@example.nl"))
        let problems = fixture.buildProblems()
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix(
                "clients/bram/client.yaml:9:15: username 'ouder.jansen' "
                    + "has e-mail p.jansen@example.nl here") == true)
    }
}
